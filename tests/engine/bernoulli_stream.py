"""Whether the installed torch draws bernoulli_ (dropout's masks) from MKL's stream, which the
engine does not replay: on an Intel processor with MKL. Oracle tests of dropout skip there."""


def torch_uses_mkl_bernoulli(torch) -> bool:
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
        intel = any("GenuineIntel" in line for line in info if line.startswith("vendor_id"))
    return intel and torch.backends.mkl.is_available()
