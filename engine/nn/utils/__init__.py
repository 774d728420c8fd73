"""`engine.nn.utils`: gradient clipping (clip_grad_norm_, clip_grad_value_) and the parameters
as one vector (parameters_to_vector, vector_to_parameters)."""

from engine.nn.utils.clip_grad import clip_grad_norm_, clip_grad_value_
from engine.nn.utils.convert_parameters import parameters_to_vector, vector_to_parameters

__all__ = ["clip_grad_norm_", "clip_grad_value_", "parameters_to_vector", "vector_to_parameters"]
