<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Animation</name>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>&amp;Animation</source>
        <translation>动画(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Animator</name>
    <message>
        <source>Nothing to compute: add an operation node.</source>
        <translation>没有可计算的内容：请添加一个运算节点。</translation>
    </message>
    <message>
        <source>There is no node to run backward from.</source>
        <translation>没有可以运行反向传播的节点。</translation>
    </message>
    <message>
        <source>Forward, in the engine&apos;s order. Steps to replay: {count}.</source>
        <translation>前向传播，按引擎的执行顺序。可回放的步数：{count}。</translation>
    </message>
    <message>
        <source>Backward from {name} done: the .grad fields are filled.</source>
        <translation>已从 {name} 完成反向传播：各 .grad 已填入。</translation>
    </message>
    <message>
        <source>Backward from {name}. Steps to replay: {count}.</source>
        <translation>从 {name} 反向传播。可回放的步数：{count}。</translation>
    </message>
    <message>
        <source>No backward call was recorded for this graph.</source>
        <translation>这个图没有记录到反向传播调用。</translation>
    </message>
    <message>
        <source>The recorded backward call. Steps to replay: {count}.</source>
        <translation>记录下来的反向传播调用。可回放的步数：{count}。</translation>
    </message>
    <message>
        <source>grad.zero_() on {names}.</source>
        <translation>已对 {names} 执行 grad.zero_()。</translation>
    </message>
    <message>
        <source>No .grad to zero yet.</source>
        <translation>还没有可清零的 .grad。</translation>
    </message>
    <message>
        <source>.grad = None on {names}.</source>
        <translation>已将 {names} 的 .grad 设为 None。</translation>
    </message>
    <message>
        <source>No .grad to clear.</source>
        <translation>没有可清除的 .grad。</translation>
    </message>
    <message>
        <source>There is no node to check gradients for.</source>
        <translation>没有可以检查梯度的节点。</translation>
    </message>
    <message>
        <source>Gradient check: numeric and analytic gradients agree.</source>
        <translation>梯度检查：数值梯度与解析梯度一致。</translation>
    </message>
    <message>
        <source>Gradient check: some gradients are nan (the function is not defined there), so they cannot agree.</source>
        <translation>梯度检查：有些梯度是 nan（函数在该处没有定义），因此无法比对。</translation>
    </message>
    <message>
        <source>Gradient check: they DISAGREE somewhere.</source>
        <translation>梯度检查：两者在某处【不一致】！</translation>
    </message>
    <message>
        <source>Gradient for backward</source>
        <translation>反向传播的梯度</translation>
    </message>
    <message>
        <source>{name} has shape {shape}, so backward needs a gradient of that shape.
Type a value (for example [[1., 1.], [1., 1.]]) or ones:</source>
        <translation>{name} 的形状为 {shape}，因此反向传播需要一个同形状的梯度。
请输入一个值（例如 [[1., 1.], [1., 1.]]）或 ones:</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Autosave is off: {folder} cannot be written ({reason}).</source>
        <translation>自动保存已关闭：无法写入 {folder}（{reason}）。</translation>
    </message>
</context>
<context>
    <name>BackgroundEvaluation</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Computing the graph…</source>
        <translation>正在计算计算图…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CanvasOverlay</name>
    <message>
        <source>grad: None (requires_grad=False)</source>
        <translation>grad: None (requires_grad=False)</translation>
    </message>
    <message>
        <source>grad {grad} passed on, not kept (non-leaf)</source>
        <translation>grad {grad} 已继续回传，未保留（非叶子张量）</translation>
    </message>
    <message>
        <source>grad arriving: {parts} + …</source>
        <translation>到达的梯度：{parts} + …</translation>
    </message>
    <message>
        <source>grad arriving: {parts}</source>
        <translation>到达的梯度：{parts}</translation>
    </message>
    <message>
        <source>group {name!r} ({ops})</source>
        <translation>组 {name!r}（{ops}）</translation>
    </message>
</context>
<context>
    <name>Classroom</name>
    <message>
        <source>Recor&amp;d Animation…</source>
        <translation>录制动画(&amp;D)…</translation>
    </message>
    <message>
        <source>Record the forward or backward replay as a GIF, an MP4 or numbered PNG images</source>
        <translation>把前向或反向传播的回放录制为 GIF、MP4 或编号的 PNG 图片</translation>
    </message>
    <message>
        <source>Presentation &amp;Mode</source>
        <translation>演示模式(&amp;M)</translation>
    </message>
    <message>
        <source>Large type, high contrast and no editing tools, for showing to a room (Esc ends it)</source>
        <translation>大字号、高对比度、隐藏编辑工具，适合在教室展示（按 Esc 退出）</translation>
    </message>
    <message>
        <source>GIF animation (.gif)</source>
        <translation>GIF 动画（.gif）</translation>
    </message>
    <message>
        <source>MP4 video (.mp4)</source>
        <translation>MP4 视频（.mp4）</translation>
    </message>
    <message>
        <source>Numbered PNG images with each step&apos;s text (a folder)</source>
        <translation>编号的 PNG 图片，附每一步的文字（一个文件夹）</translation>
    </message>
    <message>
        <source>Record Animation</source>
        <translation>录制动画</translation>
    </message>
    <message>
        <source>Backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Training run (the workbench starts it)</source>
        <translation>一次训练（由训练工作台开始）</translation>
    </message>
    <message>
        <source>&amp;Replay:</source>
        <translation>回放(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Record…</source>
        <translation>录制(&amp;R)…</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Folder for the images (*)</source>
        <translation>存放图片的文件夹 (*)</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
    <message>
        <source>Recording {path}…</source>
        <translation>正在录制 {path}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Recording cancelled; nothing was written.</source>
        <translation>录制已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Recorded {path}.</source>
        <translation>已录制 {path}。</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>There is nothing to replay: add an operation node.</source>
        <translation>没有可回放的内容：请添加一个运算节点。</translation>
    </message>
    <message>
        <source>The replay changed while it was being recorded; nothing was written.</source>
        <translation>录制期间回放发生了变化，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Before the first step</source>
        <translation>第一步之前</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Light or dark as the desktop&apos;s colour scheme is, following its changes</source>
        <translation>跟随桌面的配色方案使用浅色或深色，并随其变化</translation>
    </message>
    <message>
        <source>Recording {format} needs the optional writer ({modules}): install the &apos;{extra}&apos; extra, {command}</source>
        <translation>录制 {format} 需要可选的写入器（{modules}）：请安装 &apos;{extra}&apos; 附加组件，{command}</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>the image cannot be encoded</source>
        <translation>无法编码图像</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder</source>
        <translation>{path} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{path} is a folder that holds other files</source>
        <translation>{path} 是一个装有其他文件的文件夹</translation>
    </message>
    <message>
        <source>{path} cannot be written ({reason}).</source>
        <translation>无法写入 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>See automatic differentiation happen: a node-graph editor that shows PyTorch-exact values and gradients.</source>
        <translation>亲眼看到自动微分的过程：一个节点图编辑器，显示与 PyTorch 完全一致的值和梯度。</translation>
    </message>
    <message>
        <source>Other commands: &apos;autograd-explorer run FILE&apos; evaluates a graph or snippet headlessly; &apos;autograd-explorer train --help&apos; trains a preset model.</source>
        <translation>其他命令：&apos;autograd-explorer run FILE&apos; 在无界面模式下计算图或代码片段；&apos;autograd-explorer train --help&apos; 训练一个预设模型。</translation>
    </message>
    <message>
        <source>&apos;autograd-explorer trace SCRIPT.py&apos; runs your script and opens the graphs of its backward calls.</source>
        <translation>&apos;autograd-explorer trace SCRIPT.py&apos; 运行你的脚本，并打开它每次反向传播调用的计算图。</translation>
    </message>
    <message>
        <source>a graph (.json) or a PyTorch snippet (.py) to open</source>
        <translation>要打开的计算图（.json）或 PyTorch 代码片段（.py）</translation>
    </message>
    <message>
        <source>open a bundled example (see --list-examples)</source>
        <translation>打开一个内置示例（见 --list-examples）</translation>
    </message>
    <message>
        <source>list the bundled examples and exit</source>
        <translation>列出内置示例后退出</translation>
    </message>
    <message>
        <source>render the window after loading, write the PNG and exit</source>
        <translation>加载后渲染窗口，保存为 PNG 后退出</translation>
    </message>
    <message>
        <source>run the forward or backward pass after loading</source>
        <translation>加载后运行前向传播或反向传播</translation>
    </message>
    <message>
        <source>record the --run replay (backward if not given) as a GIF, an MP4 or a folder of numbered PNGs with each step&apos;s text, and exit</source>
        <translation>把 --run 的回放（未给出时为反向传播）录制为 GIF、MP4 或一个装有编号 PNG 及每一步文字的文件夹，然后退出</translation>
    </message>
    <message>
        <source>user interface language (default: the system&apos;s)</source>
        <translation>界面语言（默认：跟随系统）</translation>
    </message>
    <message>
        <source>print the version and exit</source>
        <translation>打印版本号后退出</translation>
    </message>
    <message>
        <source>Give either a file or --example, not both.</source>
        <translation>请只给出文件或 --example 中的一个，不要同时给出。</translation>
    </message>
    <message>
        <source>Cannot write the screenshot to {path}.</source>
        <translation>无法将截图写入 {path}。</translation>
    </message>
    <message>
        <source>Cannot record {path}: {reason}</source>
        <translation>无法录制 {path}：{reason}</translation>
    </message>
    <message>
        <source>Recorded {count} steps to {path}.</source>
        <translation>已把 {count} 步录制到 {path}。</translation>
    </message>
    <message>
        <source>Recorded {count} frames of training to {path}.</source>
        <translation>已把训练的 {count} 帧录制到 {path}。</translation>
    </message>
</context>
<context>
    <name>ClipboardActions</name>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Dupl&amp;icate</source>
        <translation>创建副本(&amp;I)</translation>
    </message>
    <message>
        <source>Copy the selected nodes and paste them</source>
        <translation>复制所选节点并粘贴</translation>
    </message>
    <message>
        <source>Select nodes to copy.</source>
        <translation>请先选择要复制的节点。</translation>
    </message>
    <message>
        <source>Copied {count} nodes.</source>
        <translation>已复制 {count} 个节点。</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>The clipboard holds no graph nodes.</source>
        <translation>剪贴板中没有图节点。</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Select nodes to duplicate.</source>
        <translation>请先选择要创建副本的节点。</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
</context>
<context>
    <name>CodeActions</name>
    <message>
        <source>Add Expression</source>
        <translation>添加表达式</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>Build the graph of a PyTorch snippet (.py); nothing in it is run</source>
        <translation>根据 PyTorch 代码片段（.py）构建计算图；其中的代码不会被执行</translation>
    </message>
    <message>
        <source>&amp;Import Python…</source>
        <translation>导入 Python(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export as PyTorch Script…</source>
        <translation>导出为 PyTorch 脚本(&amp;E)…</translation>
    </message>
    <message>
        <source>Save a Python program that builds this graph with PyTorch and prints the gradients</source>
        <translation>保存一个用 PyTorch 构建此图并打印梯度的 Python 程序</translation>
    </message>
    <message>
        <source>Type an &amp;Expression</source>
        <translation>输入表达式(&amp;E)</translation>
    </message>
    <message>
        <source>Build nodes by typing Python, e.g. y = w*x + b</source>
        <translation>通过输入 Python 代码构建节点，例如 y = w*x + b</translation>
    </message>
    <message>
        <source>The Python code cannot be imported.
{reason}</source>
        <translation>无法导入这段 Python 代码。
{reason}</translation>
    </message>
    <message>
        <source>The Python code builds no tensors.</source>
        <translation>这段 Python 代码没有创建任何张量。</translation>
    </message>
    <message>
        <source>The clipboard text is not a snippet the graph can show: {reason}</source>
        <translation>剪贴板中的文本不是可以显示为图的代码片段：{reason}</translation>
    </message>
    <message>
        <source>The clipboard text builds no tensors.</source>
        <translation>剪贴板中的文本没有创建任何张量。</translation>
    </message>
    <message>
        <source>Paste Python</source>
        <translation>粘贴 Python 代码</translation>
    </message>
    <message>
        <source>Import Python</source>
        <translation>导入 Python</translation>
    </message>
    <message>
        <source>Python files (*.py);;All files (*)</source>
        <translation>Python 文件 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>Imported {name}: {count} nodes. Press Backward to see the gradients.</source>
        <translation>已导入 {name}：{count} 个节点。按“反向传播”查看梯度。</translation>
    </message>
    <message>
        <source>Open the code as a new graph, or add it to this graph? Added variables whose names are taken get new names (x_1).</source>
        <translation>把代码作为新的计算图打开，还是添加到这个计算图中？添加时，名字已被占用的变量会得到新名字（x_1）。</translation>
    </message>
    <message>
        <source>Open as a New Graph</source>
        <translation>作为新计算图打开</translation>
    </message>
    <message>
        <source>Add to This Graph</source>
        <translation>添加到此计算图</translation>
    </message>
    <message>
        <source>Export as PyTorch Script</source>
        <translation>导出为 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>The script cannot be written: {reason}</source>
        <translation>无法写入脚本：{reason}</translation>
    </message>
    <message>
        <source>Exported the PyTorch script to {path}.</source>
        <translation>已将 PyTorch 脚本导出到 {path}。</translation>
    </message>
    <message>
        <source>Python code</source>
        <translation>Python 代码</translation>
    </message>
</context>
<context>
    <name>CodeViewPanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the program to the clipboard</source>
        <translation>将程序复制到剪贴板</translation>
    </message>
    <message>
        <source># This graph cannot be written as a program yet:
# {reason}</source>
        <translation># 这个图暂时无法写成程序：
# {reason}</translation>
    </message>
    <message>
        <source>Equivalent PyTorch program</source>
        <translation>等价的 PyTorch 程序</translation>
    </message>
    <message>
        <source>No program</source>
        <translation>没有程序</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>The edit failed and was undone: {reason}</source>
        <translation>编辑失败，已撤销：{reason}</translation>
    </message>
    <message>
        <source>Add {op}</source>
        <translation>添加 {op}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>自动布局</translation>
    </message>
    <message>
        <source>Rename to {name}</source>
        <translation>重命名为 {name}</translation>
    </message>
    <message>
        <source>Set {params}</source>
        <translation>设置 {params}</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>The clipboard does not hold valid graph nodes.</source>
        <translation>剪贴板中没有有效的图节点。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>编组</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消编组</translation>
    </message>
    <message>
        <source>Fold group</source>
        <translation>折叠组</translation>
    </message>
    <message>
        <source>Unfold group</source>
        <translation>展开组</translation>
    </message>
    <message>
        <source>Rename group to {name}</source>
        <translation>将组重命名为 {name}</translation>
    </message>
</context>
<context>
    <name>Concepts</name>
    <message>
        <source>Leaf and non-leaf tensors</source>
        <translation>叶子张量与非叶子张量</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;leaf&lt;/b&gt; tensor is one you created yourself, for example with torch.tensor(..., requires_grad=True). It has no grad_fn. A tensor computed from other tensors is a &lt;b&gt;non-leaf&lt;/b&gt;: its grad_fn (MulBackward0, AddBackward0, ...) records how to send gradients back to its inputs.&lt;/p&gt;&lt;p&gt;After backward(), only leaves that require grad keep their gradient in .grad; the .grad of a non-leaf stays None.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;叶子&lt;/b&gt;张量是你自己创建的张量，例如用 torch.tensor(..., requires_grad=True) 创建的张量，它没有 grad_fn。由其他张量计算得到的张量是&lt;b&gt;非叶子&lt;/b&gt;张量：它的 grad_fn（MulBackward0、AddBackward0 等）记录了如何把梯度传回它的输入。&lt;/p&gt;&lt;p&gt;调用 backward() 之后，只有需要梯度的叶子张量会把梯度保存在 .grad 中；非叶子张量的 .grad 仍为 None。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>梯度累加</translation>
    </message>
    <message>
        <source>&lt;p&gt;backward() &lt;b&gt;adds&lt;/b&gt; into .grad, it never overwrites it. Run backward twice and the gradient doubles. When a tensor is used on several paths, the contributions of all paths are summed in the same way.&lt;/p&gt;&lt;p&gt;That is why a training loop calls optimizer.zero_grad() (or x.grad.zero_()) before every backward(). In the example, press Backward twice and watch x.grad go from 4 to 8.&lt;/p&gt;</source>
        <translation>&lt;p&gt;backward() 会把梯度&lt;b&gt;累加&lt;/b&gt;到 .grad 上，而不会覆盖它。运行两次反向传播，梯度就会变为两倍。当一个张量在多条路径上被使用时，所有路径的贡献也以同样的方式相加。&lt;/p&gt;&lt;p&gt;这就是训练循环在每次 backward() 之前都要调用 optimizer.zero_grad()（或 x.grad.zero_()）的原因。在示例中连续按两次“反向传播”，可以看到 x.grad 从 4 变为 8。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A non-leaf tensor passes its gradient on during backward and does not keep it. Call &lt;b&gt;r.retain_grad()&lt;/b&gt; before backward() and r.grad is kept, and accumulates like a leaf&apos;s.&lt;/p&gt;&lt;p&gt;In the editor, tick retain_grad in the Inspector of any operation node.&lt;/p&gt;</source>
        <translation>&lt;p&gt;非叶子张量在反向传播时只把梯度继续传递下去，自己并不保留。在 backward() 之前调用 &lt;b&gt;r.retain_grad()&lt;/b&gt;，r.grad 就会被保留，并且会像叶子张量的梯度一样累加。&lt;/p&gt;&lt;p&gt;在编辑器中，可以在任意运算节点的“检查器”里勾选 retain_grad。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Inside &lt;b&gt;with torch.no_grad():&lt;/b&gt; operations run but record no graph: their results have requires_grad=False and no grad_fn, even when their inputs require grad. Use it where no gradient is needed, such as parameter updates and evaluation.&lt;/p&gt;&lt;p&gt;On the canvas, tick no_grad in the Inspector of an operation node: the node keeps its value, but no gradient flows back through it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 &lt;b&gt;with torch.no_grad():&lt;/b&gt; 块内，运算照常执行，但不记录计算图：即使输入需要梯度，结果的 requires_grad 也为 False，且没有 grad_fn。在不需要梯度的地方使用它，例如更新参数和评估模型。&lt;/p&gt;&lt;p&gt;在画布上，可以在运算节点的“检查器”中勾选 no_grad：该节点保留它的值，但梯度不会经由它回传。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;y.detach()&lt;/b&gt; returns a tensor with the same values as y that is cut from the graph: requires_grad=False and no grad_fn. Later computations treat it as a constant, so no gradient flows back through it.&lt;/p&gt;&lt;p&gt;On the canvas it is the detach node (Nodes: Autograd). Here z = c * x with c = (x * x).detach(): x.grad is c = 9, not the 27 that d(x**3)/dx would give.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;y.detach()&lt;/b&gt; 返回一个与 y 数值相同、但已从计算图中分离出来的张量：requires_grad=False，也没有 grad_fn。之后的计算把它当作常量，梯度不会经由它回传。&lt;/p&gt;&lt;p&gt;在画布上，它就是 detach 节点（节点面板：自动求导）。这里 z = c * x，其中 c = (x * x).detach()：x.grad 等于 c = 9，而不是 d(x**3)/dx 给出的 27。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ConceptsDialog</name>
    <message>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open the example “{title}”</source>
        <translation>打开示例“{title}”</translation>
    </message>
</context>
<context>
    <name>CrashRecovery</name>
    <message>
        <source>{reason}
The autosave is kept at {path}.</source>
        <translation>{reason}
自动保存的文件保留在 {path}。</translation>
    </message>
</context>
<context>
    <name>DescriptionBanner</name>
    <message>
        <source>Hide the description</source>
        <translation>隐藏说明</translation>
    </message>
</context>
<context>
    <name>DisplayCheck</name>
    <message>
        <source>autograd-explorer cannot open its window: {reason}.

On a desktop, install the system libraries Qt needs (Debian/Ubuntu):
    sudo apt-get install {packages}

Without a screen, these commands work:
    autograd-explorer run diamond
    autograd-explorer train --steps 2000
    QT_QPA_PLATFORM=offscreen autograd-explorer --example diamond --run backward --screenshot out.png</source>
        <translation>autograd-explorer 无法打开窗口：{reason}。

在桌面系统上，请安装 Qt 需要的系统库（Debian/Ubuntu）：
    sudo apt-get install {packages}

没有屏幕时，可以使用这些命令：
    autograd-explorer run diamond
    autograd-explorer train --steps 2000
    QT_QPA_PLATFORM=offscreen autograd-explorer --example diamond --run backward --screenshot out.png</translation>
    </message>
</context>
<context>
    <name>Drawing</name>
    <message>
        <source>Graph of {name}</source>
        <translation>{name} 的计算图</translation>
    </message>
    <message>
        <source>Save as .svg or .png, not {name}.</source>
        <translation>请保存为 .svg 或 .png，而不是 {name}。</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>(the log file cannot be written)</source>
        <translation>（无法写入日志文件）</translation>
    </message>
    <message>
        <source>Something went wrong: {kind}: {reason}

The details were written to {log}. Your graph is still open; if it behaves oddly, save it under a new name and restart.</source>
        <translation>出错了：{kind}: {reason}

详细信息已写入 {log}。计算图仍然打开着；如果它表现异常，请用新文件名保存后重新启动。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>Evaluation</name>
    <message>
        <source>waiting for input {port}</source>
        <translation>等待输入 {port}</translation>
    </message>
    <message>
        <source>waiting for inputs {ports} and {last}</source>
        <translation>等待输入 {ports} 和 {last}</translation>
    </message>
    <message>
        <source>{name} has no value yet: {reason}.</source>
        <translation>{name} 还没有值：{reason}。</translation>
    </message>
    <message>
        <source>{name} has no value (it failed or was not computed).</source>
        <translation>{name} 没有值（计算失败或未被计算）。</translation>
    </message>
    <message>
        <source>{name} is a Python number, not a tensor: there is nothing to run backward from.</source>
        <translation>{name} 是一个 Python 数字，不是张量：无法从它开始反向传播。</translation>
    </message>
    <message>
        <source>{name} does not require grad: nothing it depends on has requires_grad=True.</source>
        <translation>{name} 不需要梯度：它所依赖的张量都没有 requires_grad=True。</translation>
    </message>
    <message>
        <source>{name} has shape {shape}, not a single number: backward needs a gradient tensor of that shape (for example ones).</source>
        <translation>{name} 的形状为 {shape}，不是单个数：反向传播需要一个同形状的梯度张量（例如全 1）。</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>a Python number has no .grad</source>
        <translation>Python 数字没有 .grad</translation>
    </message>
    <message>
        <source>does not require grad</source>
        <translation>不需要梯度</translation>
    </message>
    <message>
        <source>not a leaf: turn on retain_grad to keep its grad</source>
        <translation>不是叶子张量：打开 retain_grad 可保留它的梯度</translation>
    </message>
    <message>
        <source>no backward has reached it yet</source>
        <translation>反向传播尚未到达这里</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>There is no example named {key!r}.</source>
        <translation>没有名为 {key!r} 的示例。</translation>
    </message>
    <message>
        <source>y = x**2 + 1</source>
        <translation>y = x**2 + 1</translation>
    </message>
    <message>
        <source>The first gradient: at x = 2, dy/dx = 2x = 4.</source>
        <translation>第一个梯度：在 x = 2 处，dy/dx = 2x = 4。</translation>
    </message>
    <message>
        <source>y = w*x + b (integer x)</source>
        <translation>y = w*x + b（整数 x）</translation>
    </message>
    <message>
        <source>x = 3 is an integer without requires_grad, so x.grad stays None; w.grad = 3, b.grad = 1.</source>
        <translation>x = 3 是一个没有 requires_grad 的整数，因此 x.grad 保持为 None；w.grad = 3，b.grad = 1。</translation>
    </message>
    <message>
        <source>z = x**y</source>
        <translation>z = x**y</translation>
    </message>
    <message>
        <source>Tensor to a tensor power (PowBackward1): x.grad = y*x**(y-1) = 108, y.grad = x**y*ln(x).</source>
        <translation>张量的张量次幂（PowBackward1）：x.grad = y*x**(y-1) = 108，y.grad = x**y*ln(x)。</translation>
    </message>
    <message>
        <source>out = mean(3*(x+2)**2)</source>
        <translation>out = mean(3*(x+2)**2)</translation>
    </message>
    <message>
        <source>On ones(2, 2): out = 27 and every element of x.grad is 3/2*(x+2) = 4.5.</source>
        <translation>在 ones(2, 2) 上：out = 27，x.grad 的每个元素都是 3/2*(x+2) = 4.5。</translation>
    </message>
    <message>
        <source>y = 2*dot(x, x)</source>
        <translation>y = 2*dot(x, x)</translation>
    </message>
    <message>
        <source>On arange(4.): y = 28 and x.grad = 4x = [0, 4, 8, 12].</source>
        <translation>在 arange(4.) 上：y = 28，x.grad = 4x = [0, 4, 8, 12]。</translation>
    </message>
    <message>
        <source>Leaf and non-leaf (t*2)</source>
        <translation>叶子张量与非叶子张量（t*2）</translation>
    </message>
    <message>
        <source>t is a leaf, r = t*2 is not; retain_grad keeps r.grad. Backward from t then from r: t.grad goes 1 then 3.</source>
        <translation>t 是叶子张量，r = t*2 不是；retain_grad 保留了 r.grad。先从 t 再从 r 运行反向传播：t.grad 先是 1，然后变为 3。</translation>
    </message>
    <message>
        <source>Diamond: c = b + b*a, b = a*a</source>
        <translation>菱形图：c = b + b*a，b = a*a</translation>
    </message>
    <message>
        <source>a feeds several paths; their gradients sum: dc/da = 2a + 3a**2 = 33 at a = 3.</source>
        <translation>a 流向多条路径，各路径的梯度相加：在 a = 3 处，dc/da = 2a + 3a**2 = 33。</translation>
    </message>
    <message>
        <source>Loss of the PyTorch tutorial&apos;s cubic fit</source>
        <translation>PyTorch 教程中三次多项式拟合的损失</translation>
    </message>
    <message>
        <source>loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2) over 2000 points in [-pi, pi].</source>
        <translation>loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2)，在 [-pi, pi] 中的 2000 个点上求和。</translation>
    </message>
    <message>
        <source>z = y.detach() * x</source>
        <translation>z = y.detach() * x</translation>
    </message>
    <message>
        <source>c = y.detach() holds the value of y = x*x (9) but is a leaf outside the graph, so z = c*x sends only c to x: x.grad = 9, not d(x**3)/dx = 27.</source>
        <translation>c = y.detach() 保存了 y = x*x 的值（9），但它是计算图之外的叶子张量，因此 z = c*x 只把 c 传给 x：x.grad = 9，而不是 d(x**3)/dx = 27。</translation>
    </message>
    <message>
        <source>s computed under torch.no_grad()</source>
        <translation>在 torch.no_grad() 下计算的 s</translation>
    </message>
    <message>
        <source>s = x*2 was computed under no_grad: it holds 6 but records no graph, so y = s*x + x gives x.grad = s + 1 = 7, not 4x + 1 = 13.</source>
        <translation>s = x*2 是在 no_grad 下计算的：它的值是 6，但没有记录计算图，因此 y = s*x + x 给出 x.grad = s + 1 = 7，而不是 4x + 1 = 13。</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Image File (PNG, TIF, JPG, ...)</source>
        <translation>图像文件（PNG、TIF、JPG 等）</translation>
    </message>
    <message>
        <source>Scalable Vector Graphics (SVG)</source>
        <translation>可缩放矢量图形（SVG）</translation>
    </message>
    <message>
        <source>Scalable Vector Graphics</source>
        <translation>可缩放矢量图形</translation>
    </message>
    <message>
        <source>CSV of original plot data</source>
        <translation>原始绘图数据的 CSV</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>antialias</source>
        <translation>抗锯齿</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>invertValue</source>
        <translation>反转数值</translation>
    </message>
    <message>
        <source>scaling stroke</source>
        <translation>线宽随缩放</translation>
    </message>
    <message>
        <source>separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>columnMode</source>
        <translation>列模式</translation>
    </message>
</context>
<context>
    <name>ExpressionBar</name>
    <message>
        <source>Type an expression, e.g. {example}</source>
        <translation>输入一个表达式，例如 {example}</translation>
    </message>
    <message>
        <source>Python with PyTorch operations, e.g. {a}   {b}   {c}
Unknown names become input tensors (values 2.0, 3.0, 4.0, …, requires_grad) that you can edit; names already on the canvas are reused. Separate statements with &apos;;&apos;. Up and Down recall earlier expressions.</source>
        <translation>使用 PyTorch 运算的 Python 表达式，例如 {a}   {b}   {c}
未知的名字会成为输入张量（值依次为 2.0、3.0、4.0……，requires_grad），之后可以编辑；画布上已有的名字会被复用。多条语句用 &apos;;&apos; 分隔。按上、下方向键可以调出之前输入的表达式。</translation>
    </message>
    <message>
        <source>Add to Graph</source>
        <translation>添加到图</translation>
    </message>
    <message>
        <source>Build the nodes of the expression (Enter)</source>
        <translation>为表达式构建节点（Enter）</translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation>表达式：</translation>
    </message>
    <message>
        <source>Type an expression first, e.g. {example}</source>
        <translation>请先输入一个表达式，例如 {example}</translation>
    </message>
    <message>
        <source>The expression adds nothing to the graph.</source>
        <translation>这个表达式没有向图中添加任何内容。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty graph</source>
        <translation>新建一个空白图</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a graph file</source>
        <translation>打开一个图文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the graph</source>
        <translation>保存图</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the graph under a new name</source>
        <translation>以新的文件名保存图</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The graph has unsaved changes. Save them first?</source>
        <translation>图中有未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <source>New graph.</source>
        <translation>新图。</translation>
    </message>
    <message>
        <source>Open Graph</source>
        <translation>打开图</translation>
    </message>
    <message>
        <source>Graphs and Python snippets (*.json *.py);;All files (*)</source>
        <translation>计算图和 Python 代码片段 (*.json *.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opened {path}.</source>
        <translation>已打开 {path}。</translation>
    </message>
    <message>
        <source>Save Graph As</source>
        <translation>图另存为</translation>
    </message>
    <message>
        <source>Graph files (*.json)</source>
        <translation>图文件 (*.json)</translation>
    </message>
    <message>
        <source>{path} cannot be written:
{reason}</source>
        <translation>无法写入 {path}:
{reason}</translation>
    </message>
    <message>
        <source>Cannot save file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>{path} is also open in another autograd-explorer window (process {pid}). Saving in both would overwrite each other&apos;s changes; this window asks before it overwrites changes made elsewhere.</source>
        <translation>{path} 也在另一个 autograd-explorer 窗口（进程 {pid}）中打开。两边都保存会互相覆盖修改；本窗口在覆盖别处所做的修改之前会先询问。</translation>
    </message>
    <message>
        <source>File open elsewhere</source>
        <translation>文件已在别处打开</translation>
    </message>
    <message>
        <source>{path} was changed on disk (by another program or window) since it was opened or saved here.</source>
        <translation>自从在这里打开或保存之后，{path} 已在磁盘上被（另一个程序或窗口）修改。</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>磁盘上的文件已更改</translation>
    </message>
    <message>
        <source>Overwrite it with this graph? (Cancel, then Save As, keeps both.)</source>
        <translation>用这个计算图覆盖它吗？（选择取消，再用“另存为”，可两者都保留。）</translation>
    </message>
</context>
<context>
    <name>FileFormat</name>
    <message>
        <source>The graph is too large to save ({nodes} nodes, {edges} edges; a graph file holds at most {max_nodes} nodes and {max_edges} edges).</source>
        <translation>计算图太大，无法保存（{nodes} 个节点，{edges} 条连接；一个图文件最多容纳 {max_nodes} 个节点和 {max_edges} 条连接）。</translation>
    </message>
    <message>
        <source>The graph is too large to save ({size} MB; a graph file holds at most {limit} MB). Make the largest values smaller.</source>
        <translation>计算图太大，无法保存（{size} MB；一个图文件最多 {limit} MB）。请把最大的值改小。</translation>
    </message>
    <message>
        <source>This is a folder, not a graph file.</source>
        <translation>这是一个文件夹，不是图文件。</translation>
    </message>
    <message>
        <source>This is not a regular file.</source>
        <translation>这不是一个普通文件。</translation>
    </message>
    <message>
        <source>The file is too large to be a graph ({size} bytes).</source>
        <translation>文件太大，不可能是一个图（{size} 字节）。</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text.</source>
        <translation>文件不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>a value is missing here</source>
        <translation>这里缺少一个值</translation>
    </message>
    <message>
        <source>a name in double quotes was expected here</source>
        <translation>这里应是一个带双引号的名称</translation>
    </message>
    <message>
        <source>a comma is missing here</source>
        <translation>这里缺少逗号</translation>
    </message>
    <message>
        <source>a colon is missing here</source>
        <translation>这里缺少冒号</translation>
    </message>
    <message>
        <source>a string is not closed</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>a comma stands before the closing bracket</source>
        <translation>右括号前多了一个逗号</translation>
    </message>
    <message>
        <source>The text is too large to be a graph.</source>
        <translation>文本太大，不可能是一个图。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line {line}, column {column}: {reason}).</source>
        <translation>文件不是有效的 JSON（第 {line} 行，第 {column} 列：{reason}）。</translation>
    </message>
    <message>
        <source>The file is nested too deeply.</source>
        <translation>文件嵌套层次太深。</translation>
    </message>
    <message>
        <source>The file holds a number too long to read.</source>
        <translation>文件中有一个太长、无法读取的数字。</translation>
    </message>
    <message>
        <source>The graph is invalid: {reason}</source>
        <translation>图无效：{reason}</translation>
    </message>
    <message>
        <source>The file does not contain a graph (expected a JSON object).</source>
        <translation>文件中没有图（应为一个 JSON 对象）。</translation>
    </message>
    <message>
        <source>This is not an autograd-explorer graph file (format {found!r}).</source>
        <translation>这不是 autograd-explorer 的图文件（格式为 {found!r}）。</translation>
    </message>
    <message>
        <source>The file has no valid version number.</source>
        <translation>文件没有有效的版本号。</translation>
    </message>
    <message>
        <source>The file has version {found}; this program reads version {known}.</source>
        <translation>文件的版本为 {found}；本程序读取的是版本 {known}。</translation>
    </message>
    <message>
        <source>The file needs a list of nodes and a list of edges.</source>
        <translation>文件需要一个节点列表和一个边列表。</translation>
    </message>
    <message>
        <source>The graph is too large ({nodes} nodes, {edges} edges).</source>
        <translation>图太大（{nodes} 个节点，{edges} 条边）。</translation>
    </message>
    <message>
        <source>The node id {id!r} appears twice.</source>
        <translation>节点 id {id!r} 出现了两次。</translation>
    </message>
    <message>
        <source>Edge {n} needs the texts src, dst and port.</source>
        <translation>第 {n} 条边需要文本字段 src、dst 和 port。</translation>
    </message>
    <message>
        <source>Edge {n} refers to a missing node {id!r}.</source>
        <translation>第 {n} 条边引用了不存在的节点 {id!r}。</translation>
    </message>
    <message>
        <source>The groups must be a list of at most {n} entries.</source>
        <translation>groups 必须是最多 {n} 项的列表。</translation>
    </message>
    <message>
        <source>Group {n} needs the texts id and name, a list of members and folded true or false.</source>
        <translation>第 {n} 个组需要文本 id 和 name、成员列表 members，以及 folded 为 true 或 false。</translation>
    </message>
    <message>
        <source>Group {n} refers to a missing node {id!r}.</source>
        <translation>第 {n} 个组引用了不存在的节点 {id!r}。</translation>
    </message>
    <message>
        <source>Node {n} is not an object.</source>
        <translation>第 {n} 个节点不是一个对象。</translation>
    </message>
    <message>
        <source>Node {n} needs a text {key!r}.</source>
        <translation>第 {n} 个节点需要一个文本字段 {key!r}。</translation>
    </message>
    <message>
        <source>Node {n} needs a position of two numbers.</source>
        <translation>第 {n} 个节点需要一个由两个数组成的位置。</translation>
    </message>
    <message>
        <source>The params of node {n} must be an object.</source>
        <translation>第 {n} 个节点的 params 必须是一个对象。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Node name</source>
        <translation>节点名称</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Find node:</source>
        <translation>查找节点：</translation>
    </message>
    <message>
        <source>No node matches “{text}”.</source>
        <translation>没有与“{text}”匹配的节点。</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <source>Guided tour</source>
        <translation>导览</translation>
    </message>
    <message>
        <source>Don&apos;t show this tour at start-up</source>
        <translation>启动时不再显示此导览</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Welcome to autograd-explorer</source>
        <translation>欢迎使用 autograd-explorer</translation>
    </message>
    <message>
        <source>&lt;p&gt;This one-minute tour opens the simplest example, &lt;b&gt;y = x**2 + 1&lt;/b&gt;, runs the forward pass, then the backward pass, and shows where the gradient arrives.&lt;/p&gt;&lt;p&gt;Every value you will see is computed by the engine exactly as PyTorch computes it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这个一分钟的导览会打开最简单的示例 &lt;b&gt;y = x**2 + 1&lt;/b&gt;，先运行前向传播，再运行反向传播，并告诉你梯度最终去了哪里。&lt;/p&gt;&lt;p&gt;你看到的每一个值都由引擎计算，与 PyTorch 的计算结果完全一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the example</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>The computational graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each card is a tensor. &lt;b&gt;x&lt;/b&gt; is a &lt;i&gt;leaf&lt;/i&gt; tensor: you created it, with requires_grad=True. &lt;b&gt;x_sq&lt;/b&gt; = x ** 2 and &lt;b&gt;y&lt;/b&gt; = x_sq + 1 are results of operations; the wires carry values from left to right.&lt;/p&gt;&lt;p&gt;Next, the forward pass computes them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每张卡片都是一个张量。&lt;b&gt;x&lt;/b&gt; 是一个&lt;i&gt;叶子&lt;/i&gt;张量：它由你创建，并设置了 requires_grad=True。&lt;b&gt;x_sq&lt;/b&gt; = x ** 2 和 &lt;b&gt;y&lt;/b&gt; = x_sq + 1 是运算的结果；连线把数值从左传到右。&lt;/p&gt;&lt;p&gt;接下来，前向传播会计算它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Run forward</source>
        <translation>运行前向传播</translation>
    </message>
    <message>
        <source>Forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>&lt;p&gt;The engine ran the operations in order and got &lt;b&gt;y = {y}&lt;/b&gt;. Every result remembers the operation that made it in its grad_fn (PowBackward0, AddBackward0): that record is the graph backward will walk.&lt;/p&gt;&lt;p&gt;The Step panel at the bottom explains each step; the transport bar replays them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;引擎按顺序执行了各个运算，得到 &lt;b&gt;y = {y}&lt;/b&gt;。每个结果都在 grad_fn（PowBackward0、AddBackward0）中记住了产生它的运算：这些记录就是反向传播要走的计算图。&lt;/p&gt;&lt;p&gt;底部的“步骤”面板会解释每一步；“动画”工具栏可以回放这些步骤。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Run backward</source>
        <translation>运行反向传播</translation>
    </message>
    <message>
        <source>Backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>&lt;p&gt;y.backward() walked the graph from y back to x. Each node multiplied the gradient coming from its output by its local derivative (the chain rule): dy/dx_sq = 1 and dx_sq/dx = 2x.&lt;/p&gt;&lt;p&gt;Where does the result go?&lt;/p&gt;</source>
        <translation>&lt;p&gt;y.backward() 沿计算图从 y 走回 x。每个节点把从输出传来的梯度乘以自己的局部导数（链式法则）：dy/dx_sq = 1，dx_sq/dx = 2x。&lt;/p&gt;&lt;p&gt;结果去了哪里？&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show x.grad</source>
        <translation>查看 x.grad</translation>
    </message>
    <message>
        <source>The gradient is in x.grad</source>
        <translation>梯度保存在 x.grad 中</translation>
    </message>
    <message>
        <source>&lt;p&gt;x is selected: its card and the Inspector show &lt;b&gt;x.grad = {grad}&lt;/b&gt;, that is dy/dx = 2x at x = {x}.&lt;/p&gt;&lt;p&gt;Only leaf tensors that require grad keep .grad. Press Backward again and the gradient accumulates instead of being replaced.&lt;/p&gt;&lt;p&gt;Help &amp;gt; Concepts explains leaf tensors, accumulation, retain_grad, no_grad and detach.&lt;/p&gt;</source>
        <translation>&lt;p&gt;x 已被选中：它的卡片和“检查器”都显示 &lt;b&gt;x.grad = {grad}&lt;/b&gt;，即 x = {x} 处的 dy/dx = 2x。&lt;/p&gt;&lt;p&gt;只有需要梯度的叶子张量才会保留 .grad。再按一次“反向传播”，梯度会累加，而不是被替换。&lt;/p&gt;&lt;p&gt;“帮助 &amp;gt; 概念”介绍了叶子张量、梯度累加、retain_grad、no_grad 和 detach。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Step {n} of {count}</source>
        <translation>第 {n} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>The example has changed: there is no node named {name}. Press Close and start the tour again from Help.</source>
        <translation>示例已被修改：没有名为 {name} 的节点。请点击“关闭”，然后从“帮助”菜单重新开始导览。</translation>
    </message>
    <message>
        <source>The example was not opened.</source>
        <translation>示例没有打开。</translation>
    </message>
    <message>
        <source>The forward pass could not run; see the status bar.</source>
        <translation>无法运行前向传播；请查看状态栏。</translation>
    </message>
    <message>
        <source>The backward pass could not run; see the status bar.</source>
        <translation>无法运行反向传播；请查看状态栏。</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation>关联坐标轴：</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>允许鼠标操作</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>仅按可见数据</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>仅自动平移</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;将此坐标轴与另一个视图关联。关联后，两个视图显示相同的数据范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;自动缩放时可见数据的百分比。数据有尖峰噪声时，调低此值可能有用。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;显示的数据改变时，自动调整此坐标轴的范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;手动设置此坐标轴的范围。这会关闭自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最小值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最大值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;反转此坐标轴的方向（+y 朝下而不是朝上）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;允许用鼠标操作此坐标轴（平移、缩放）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴只按另一坐标轴范围内可见的数据自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴会自动平移，使当前数据居中，但缩放比例不变。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Item to export:</source>
        <translation>要导出的项目：</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>GradientCheck</name>
    <message>
        <source>The root could not be evaluated with a nudged input.</source>
        <translation>对输入做微小扰动后，无法计算根节点。</translation>
    </message>
    <message>
        <source>{name} has no tensor value to check.</source>
        <translation>{name} 没有可检查的张量值。</translation>
    </message>
    <message>
        <source>No leaf requires grad, so there is no gradient to check.</source>
        <translation>没有需要梯度的叶子张量，因此没有可检查的梯度。</translation>
    </message>
</context>
<context>
    <name>GraphDocument</name>
    <message>
        <source>There is no node {id!r}.</source>
        <translation>没有节点 {id!r}。</translation>
    </message>
    <message>
        <source>{name!r} is not a valid Python variable name.</source>
        <translation>{name!r} 不是有效的 Python 变量名。</translation>
    </message>
    <message>
        <source>The name {name!r} is reserved.</source>
        <translation>名字 {name!r} 是保留字。</translation>
    </message>
    <message>
        <source>The name {name!r} is already used.</source>
        <translation>名字 {name!r} 已被使用。</translation>
    </message>
    <message>
        <source>Unknown operation {op!r}.</source>
        <translation>未知的运算 {op!r}。</translation>
    </message>
    <message>
        <source>The graph already has {n} nodes, the most a graph file holds.</source>
        <translation>计算图已有 {n} 个节点，这是一个图文件能容纳的上限。</translation>
    </message>
    <message>
        <source>A node id must be a non-empty text.</source>
        <translation>节点 id 必须是非空文本。</translation>
    </message>
    <message>
        <source>The node id {id!r} is already used.</source>
        <translation>节点 id {id!r} 已被使用。</translation>
    </message>
    <message>
        <source>Input {port!r} of {name} is already connected.</source>
        <translation>{name} 的输入 {port!r} 已经连接。</translation>
    </message>
    <message>
        <source>A node cannot feed its own input.</source>
        <translation>节点不能连接到自己的输入。</translation>
    </message>
    <message>
        <source>{name} has no input port {port!r}.</source>
        <translation>{name} 没有输入端口 {port!r}。</translation>
    </message>
    <message>
        <source>Input {port!r} of {name} is already connected to {other}.</source>
        <translation>{name} 的输入 {port!r} 已经连接到 {other}。</translation>
    </message>
    <message>
        <source>Connecting {src} to {dst} would lead out of the group {group!r} and back into it.</source>
        <translation>把 {src} 连接到 {dst} 会从组 {group!r} 出去再回到组内。</translation>
    </message>
    <message>
        <source>Connecting {src} to {dst} would make a cycle.</source>
        <translation>把 {src} 连接到 {dst} 会形成环。</translation>
    </message>
    <message>
        <source>Input {port!r} of {name} is not connected.</source>
        <translation>{name} 的输入 {port!r} 未连接。</translation>
    </message>
    <message>
        <source>There is no group {id!r}.</source>
        <translation>没有组 {id!r}。</translation>
    </message>
    <message>
        <source>group {n}</source>
        <translation>组 {n}</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>组需要一个名称。</translation>
    </message>
    <message>
        <source>A group name is one line of at most {n} characters.</source>
        <translation>组名必须是一行，最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>The group name {name!r} is already used.</source>
        <translation>组名 {name!r} 已被使用。</translation>
    </message>
    <message>
        <source>Select the cards to group first.</source>
        <translation>请先选择要编组的卡片。</translation>
    </message>
    <message>
        <source>{name} is already in the group {group!r}; groups cannot be nested.</source>
        <translation>{name} 已在组 {group!r} 中；组不能嵌套。</translation>
    </message>
    <message>
        <source>{name} lies on a path between the selected cards: add it to the group too.</source>
        <translation>{name} 位于所选卡片之间的路径上：请把它也加入组。</translation>
    </message>
    <message>
        <source>The group id {id!r} is already used.</source>
        <translation>组 id {id!r} 已被使用。</translation>
    </message>
    <message>
        <source>&apos;folded&apos; must be true or false.</source>
        <translation>&apos;folded&apos; 必须是 true 或 false。</translation>
    </message>
    <message>
        <source>{key!r} must be a text.</source>
        <translation>{key!r} 必须是文本。</translation>
    </message>
    <message>
        <source>Node {id!r}: {reason}</source>
        <translation>节点 {id!r}：{reason}</translation>
    </message>
    <message>
        <source>Group {id!r}: {reason}</source>
        <translation>组 {id!r}：{reason}</translation>
    </message>
    <message>
        <source>The root {id!r} is not a node.</source>
        <translation>根节点 {id!r} 不是一个节点。</translation>
    </message>
    <message>
        <source>The {key} is too long for a graph file ({n} characters; at most {limit}).</source>
        <translation>{key} 太长，图文件放不下（{n} 个字符；最多 {limit} 个）。</translation>
    </message>
    <message>
        <source>A position must be two numbers.</source>
        <translation>位置必须是两个数。</translation>
    </message>
    <message>
        <source>A position must be two finite numbers.</source>
        <translation>位置必须是两个有限的数。</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>Connect an output (right side) to an input (left side).</source>
        <translation>请把一个输出（右侧）连接到一个输入（左侧）。</translation>
    </message>
    <message>
        <source>{name} has no free input.</source>
        <translation>{name} 没有空闲的输入。</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>The whole graph: the frame is the part in view. Click or drag here to move the view; Fit to View (F) shows it all.</source>
        <translation>整个计算图：方框是视图中显示的部分。在此单击或拖动可移动视图；适应窗口 (F) 显示全部。</translation>
    </message>
    <message>
        <source>Drag an operation from the palette onto the canvas (or double-click it),
then connect an output (right) to an input (left).
Or type an expression such as y = w*x + b, or open an example.</source>
        <translation>把一个运算从节点面板拖到画布上（或双击它），
然后把一个输出（右侧）连接到一个输入（左侧）。
也可以输入 y = w*x + b 这样的表达式，或打开一个示例。</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>GroupActions</name>
    <message>
        <source>G&amp;roup</source>
        <translation>编组(&amp;R)</translation>
    </message>
    <message>
        <source>Fold the selected cards into one named card</source>
        <translation>把所选卡片折叠成一张有名称的卡片</translation>
    </message>
    <message>
        <source>&amp;Ungroup</source>
        <translation>取消编组(&amp;U)</translation>
    </message>
    <message>
        <source>Dissolve the selected groups</source>
        <translation>解散所选的组</translation>
    </message>
    <message>
        <source>&amp;Fold or Unfold Group</source>
        <translation>折叠或展开组(&amp;F)</translation>
    </message>
    <message>
        <source>Show a group as one card, or its cards in a frame</source>
        <translation>把组显示为一张卡片，或在框中显示它的各张卡片</translation>
    </message>
    <message>
        <source>Re&amp;name Group…</source>
        <translation>重命名组(&amp;N)…</translation>
    </message>
    <message>
        <source>Select a group first.</source>
        <translation>请先选择一个组。</translation>
    </message>
    <message>
        <source>Select the cards to group first.</source>
        <translation>请先选择要编组的卡片。</translation>
    </message>
    <message>
        <source>Grouped {n} cards as {name!r}; double-click it to unfold, Graph &gt; Rename Group… to name it.</source>
        <translation>已把 {n} 张卡片编为组 {name!r}；双击可展开，用“图 &gt; 重命名组…”可改名。</translation>
    </message>
    <message>
        <source>Rename Group</source>
        <translation>重命名组</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Unfold</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>折叠</translation>
    </message>
    <message>
        <source>Rename Group…</source>
        <translation>重命名组…</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消编组</translation>
    </message>
</context>
<context>
    <name>GroupItem</name>
    <message>
        <source>no operations</source>
        <translation>没有运算</translation>
    </message>
    <message>
        <source>Group {name}: {ops}. Double-click to unfold.</source>
        <translation>组 {name}：{ops}。双击可展开。</translation>
    </message>
    <message>
        <source>{n} nodes, folded</source>
        <translation>{n} 个节点，已折叠</translation>
    </message>
    <message>
        <source>Group {name}: {ops}. Double-click the title to fold it.</source>
        <translation>组 {name}：{ops}。双击标题可折叠。</translation>
    </message>
    <message>
        <source>{name} ({ops})</source>
        <translation>{name}（{ops}）</translation>
    </message>
</context>
<context>
    <name>GroupStep</name>
    <message>
        <source>group {name!r} ({ops})</source>
        <translation>组 {name!r}（{ops}）</translation>
    </message>
    <message>
        <source>Backward through the folded group {name!r} ({ops}) as one step: {count} backward nodes ran inside it and sent the gradient on to the inputs outside it.</source>
        <translation>反向传播把折叠的组 {name!r}（{ops}）作为一步经过：组内运行了 {count} 个反向节点，并把梯度传给组外的输入。</translation>
    </message>
    <message>
        <source>Forward through the folded group {name!r} as one step: the engine ran {ops} inside it.</source>
        <translation>前向传播把折叠的组 {name!r} 作为一步经过：引擎在组内运行了 {ops}。</translation>
    </message>
</context>
<context>
    <name>GuideMenu</name>
    <message>
        <source>Show &amp;Guided Tour</source>
        <translation>显示导览(&amp;G)</translation>
    </message>
    <message>
        <source>Open y = x**2 + 1, run forward and backward, and find x.grad, step by step</source>
        <translation>打开 y = x**2 + 1，运行前向传播和反向传播，一步步找到 x.grad</translation>
    </message>
    <message>
        <source>&amp;Concepts</source>
        <translation>概念(&amp;C)</translation>
    </message>
    <message>
        <source>Leaf tensors, accumulation, retain_grad, no_grad and detach, with examples</source>
        <translation>叶子张量、梯度累加、retain_grad、no_grad 和 detach，附示例</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>The interface will be in {language} from the next start of autograd-explorer.</source>
        <translation>下次启动 autograd-explorer 时，界面将使用 {language}。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <source>Export Image as &amp;PNG…</source>
        <translation>导出为 PNG 图像(&amp;P)…</translation>
    </message>
    <message>
        <source>Save a picture of the graph</source>
        <translation>保存图的图片</translation>
    </message>
    <message>
        <source>Export Image as S&amp;VG…</source>
        <translation>导出为 SVG 图像(&amp;V)…</translation>
    </message>
    <message>
        <source>Save a scalable picture of the graph</source>
        <translation>保存图的矢量图片</translation>
    </message>
    <message>
        <source>{path} cannot be written ({reason}).</source>
        <translation>无法写入 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported {path}.</source>
        <translation>已导出 {path}。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>导出图像</translation>
    </message>
</context>
<context>
    <name>ImageFile</name>
    <message>
        <source>the image cannot be encoded</source>
        <translation>无法编码图像</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Select a node to see its value, gradient and settings.</source>
        <translation>选择一个节点，查看它的值、梯度和设置。</translation>
    </message>
    <message>
        <source>The node&apos;s Python variable name (press Enter to apply)</source>
        <translation>节点的 Python 变量名（按 Enter 生效）</translation>
    </message>
    <message>
        <source>retain_grad()</source>
        <translation>retain_grad()</translation>
    </message>
    <message>
        <source>Keep .grad on this non-leaf tensor after backward</source>
        <translation>反向传播后，在这个非叶子张量上保留 .grad</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>shape</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>requires_grad</source>
        <translation>requires_grad</translation>
    </message>
    <message>
        <source>is_leaf</source>
        <translation>is_leaf</translation>
    </message>
    <message>
        <source>grad_fn</source>
        <translation>grad_fn</translation>
    </message>
    <message>
        <source>Gradient (.grad)</source>
        <translation>梯度（.grad）</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Replaying backward: step {step} of {total}. Values and .grad are shown as they are at this step.</source>
        <translation>正在回放反向传播：第 {step} 步，共 {total} 步。显示的是这一步时的值和 .grad。</translation>
    </message>
    <message>
        <source>Replaying forward: step {step} of {total}. Values and .grad are shown as they are at this step.</source>
        <translation>正在回放前向传播：第 {step} 步，共 {total} 步。显示的是这一步时的值和 .grad。</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>not computed (an input is missing or failed)</source>
        <translation>未计算（某个输入缺失或计算失败）</translation>
    </message>
    <message>
        <source>not computed yet at this step of the replay</source>
        <translation>回放到这一步时尚未计算</translation>
    </message>
    <message>
        <source>Python number</source>
        <translation>Python 数字</translation>
    </message>
    <message>
        <source>None  ({reason})</source>
        <translation>None  ({reason})</translation>
    </message>
    <message>
        <source>Gradient flowing back through it at this step:
{gradient}</source>
        <translation>这一步经由它回传的梯度：
{gradient}</translation>
    </message>
    <message>
        <source>backward has not reached it yet at this step</source>
        <translation>到这一步时反向传播尚未到达这里</translation>
    </message>
</context>
<context>
    <name>LearningRateComparison</name>
    <message>
        <source>Type 2 to {count} positive learning rates, such as 1e-6, 1e-5, 1e-4.</source>
        <translation>请输入 2 到 {count} 个正的学习率，例如 1e-6, 1e-5, 1e-4。</translation>
    </message>
    <message>
        <source>lr {rate}: diverged at step {step}</source>
        <translation>lr {rate}：第 {step} 步发散</translation>
    </message>
    <message>
        <source>Diverged (×): lr {rates}.</source>
        <translation>发散（×）：lr {rates}。</translation>
    </message>
    <message>
        <source>lr {rate}: {text}</source>
        <translation>学习率 {rate}：{text}</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>leaf (requires grad)</source>
        <translation>叶子张量（需要梯度）</translation>
    </message>
    <message>
        <source>non-leaf (has grad_fn)</source>
        <translation>非叶子张量（有 grad_fn）</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>forward: value</source>
        <translation>前向传播：值</translation>
    </message>
    <message>
        <source>backward: gradient</source>
        <translation>反向传播：梯度</translation>
    </message>
</context>
<context>
    <name>LiveGraphs</name>
    <message>
        <source>No backward call was recorded: there is no graph to show.</source>
        <translation>没有记录到反向传播调用：没有可显示的计算图。</translation>
    </message>
    <message>
        <source>Expected a tensor, a record() block or a backward call, not {kind}.</source>
        <translation>需要一个张量、一个 record() 块或一次反向传播调用，而不是 {kind}。</translation>
    </message>
    <message>
        <source>Recorded graphs</source>
        <translation>记录的计算图</translation>
    </message>
    <message>
        <source>The backward calls the program made</source>
        <translation>程序做过的反向传播调用</translation>
    </message>
    <message>
        <source>Replay Backward</source>
        <translation>回放反向传播</translation>
    </message>
    <message>
        <source>Animate the backward call exactly as the program ran it</source>
        <translation>按程序实际运行的样子动画演示这次反向传播调用</translation>
    </message>
    <message>
        <source>Script Output</source>
        <translation>脚本输出</translation>
    </message>
    <message>
        <source>What the script printed while it ran</source>
        <translation>脚本运行时打印的内容</translation>
    </message>
    <message>
        <source>Opened {label}.</source>
        <translation>已打开 {label}。</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} 个节点</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Select a node to rename it.</source>
        <translation>请先选择要重命名的节点。</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上一次编辑</translation>
    </message>
    <message>
        <source>Redo the edit just undone</source>
        <translation>重做刚刚撤销的编辑</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>PyTorch code</source>
        <translation>PyTorch 代码</translation>
    </message>
    <message>
        <source>{tip} ({shortcut})</source>
        <translation>{tip}（{shortcut}）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected nodes and connections</source>
        <translation>删除所选的节点和连接</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find Node…</source>
        <translation>查找节点(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a node on the canvas by its name</source>
        <translation>按名称在画布上查找节点</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>显示整个图</translation>
    </message>
    <message>
        <source>Show &amp;Legend</source>
        <translation>显示图例(&amp;L)</translation>
    </message>
    <message>
        <source>Auto-&amp;layout</source>
        <translation>自动布局(&amp;L)</translation>
    </message>
    <message>
        <source>Arrange the nodes left to right by dependency</source>
        <translation>按依赖关系从左到右排列节点</translation>
    </message>
    <message>
        <source>Compute &amp;Gradients</source>
        <translation>计算梯度(&amp;G)</translation>
    </message>
    <message>
        <source>Run backward from the selected node (or the graph&apos;s output) at once</source>
        <translation>立即从所选节点（或图的输出）运行反向传播</translation>
    </message>
    <message>
        <source>&amp;About autograd-explorer</source>
        <translation>关于 autograd-explorer(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>列出所有键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every panel and toolbar back where it was at first start</source>
        <translation>把所有面板和工具栏放回首次启动时的位置</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Graph</source>
        <translation>图(&amp;G)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Add Node</source>
        <translation>添加节点(&amp;A)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Autosave off</source>
        <translation>自动保存已关闭</translation>
    </message>
    <message>
        <source>Autosave is off</source>
        <translation>自动保存已关闭</translation>
    </message>
    <message>
        <source>{nodes} nodes · {edges} connections</source>
        <translation>{nodes} 个节点 · {edges} 个连接</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>缩放 {percent} %</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{name}[*] — autograd-explorer</source>
        <translation>{name}[*] — autograd-explorer</translation>
    </message>
    <message>
        <source>Added {name}</source>
        <translation>已添加 {name}</translation>
    </message>
    <message>
        <source>Disconnected {src} → {dst}.{port}</source>
        <translation>已断开 {src} → {dst}.{port}</translation>
    </message>
    <message>
        <source>Connected {src} → {dst}.{port}</source>
        <translation>已连接 {src} → {dst}.{port}</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Backward was cancelled.</source>
        <translation>反向传播已取消。</translation>
    </message>
    <message>
        <source>Backward from This Node</source>
        <translation>从此节点反向传播</translation>
    </message>
    <message>
        <source>Compute Gradients from Here</source>
        <translation>从此处计算梯度</translation>
    </message>
    <message>
        <source>Delete Connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Add Node Here</source>
        <translation>在此处添加节点</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>{path} cannot be opened.

{reason}</source>
        <translation>无法打开 {path}。

{reason}</translation>
    </message>
    <message>
        <source>Version {version} · MIT License</source>
        <translation>版本 {version} · MIT 许可证</translation>
    </message>
    <message>
        <source>About autograd-explorer</source>
        <translation>关于 autograd-explorer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;autograd-explorer&lt;/h3&gt;&lt;p&gt;Build a function from operation nodes and see every value and gradient exactly as PyTorch computes them.&lt;/p&gt;&lt;p&gt;Drag nodes from the palette, connect an output (right) to an input (left), and watch the values update.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;autograd-explorer&lt;/h3&gt;&lt;p&gt;用运算节点搭建一个函数，查看与 PyTorch 计算结果完全一致的每一个值和梯度。&lt;/p&gt;&lt;p&gt;从节点面板拖出节点，把一个输出（右侧）连接到一个输入（左侧），数值就会随之更新。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NameHints</name>
    <message>
        <source>For a float, write float(&apos;{value}&apos;) or math.{value}.</source>
        <translation>要表示浮点数，请写 float(&apos;{value}&apos;) 或 math.{value}。</translation>
    </message>
    <message>
        <source>It looks like {latin!r} but contains {letter!r} ({code}), a letter from another alphabet.</source>
        <translation>它看起来像 {latin!r}，但含有另一种字母表中的字母 {letter!r}（{code}）。</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>write {value} for a float tensor</source>
        <translation>写成 {value} 即为浮点张量</translation>
    </message>
    <message>
        <source>Use {value}</source>
        <translation>改用 {value}</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>⚠ value holds {kinds}</source>
        <translation>⚠ 值中含有 {kinds}</translation>
    </message>
    <message>
        <source>⚠ grad holds {kinds}</source>
        <translation>⚠ 梯度中含有 {kinds}</translation>
    </message>
    <message>
        <source>recorded value</source>
        <translation>记录的值</translation>
    </message>
    <message>
        <source>{name} ({op})</source>
        <translation>{name} ({op})</translation>
    </message>
    <message>
        <source>Connect an output (right side) to each free input (left side).</source>
        <translation>请把一个输出（右侧）连接到每个空闲的输入（左侧）。</translation>
    </message>
    <message>
        <source>Not computed: an input is missing or failed.</source>
        <translation>未计算：某个输入缺失或计算失败。</translation>
    </message>
    <message>
        <source>Not a finite number here ({where}): nan and inf spread through every later operation and gradient.</source>
        <translation>此处不是有限数（{where}）：nan 和 inf 会扩散到之后的每一个运算和梯度中。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
</context>
<context>
    <name>Notebook</name>
    <message>
        <source>Skipped {count} IPython-only lines (plain Python cannot run them):</source>
        <translation>跳过了 {count} 行 IPython 专用代码（普通 Python 无法运行它们）：</translation>
    </message>
    <message>
        <source>Not a Jupyter notebook: it is not UTF-8 text.</source>
        <translation>不是 Jupyter 笔记本：它不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>Not a Jupyter notebook: its JSON is broken at line {line}, column {column}.</source>
        <translation>不是 Jupyter 笔记本：它的 JSON 在第 {line} 行第 {column} 列损坏。</translation>
    </message>
    <message>
        <source>JSON, but not a Jupyter notebook: it has no list of cells.</source>
        <translation>是 JSON，但不是 Jupyter 笔记本：它没有单元格列表。</translation>
    </message>
    <message>
        <source>A notebook of format {version}: only format 4 (Jupyter since 2015) can be traced. Save it again from Jupyter.</source>
        <translation>格式 {version} 的笔记本：只能跟踪格式 4（2015 年以来的 Jupyter）。请在 Jupyter 中重新保存它。</translation>
    </message>
    <message>
        <source>Not a valid notebook: its cell {index} is not a cell.</source>
        <translation>不是有效的笔记本：它的第 {index} 个单元格不是单元格。</translation>
    </message>
    <message>
        <source>Not a valid notebook: the source of its cell {index} is not text.</source>
        <translation>不是有效的笔记本：它第 {index} 个单元格的源码不是文本。</translation>
    </message>
</context>
<context>
    <name>OpCatalog</name>
    <message>
        <source>{param} must be one of {choices}, not {value}.</source>
        <translation>{param} 必须是 {choices} 之一，而不是 {value}。</translation>
    </message>
    <message>
        <source>{param} must be of kind {kind}, not {value}.</source>
        <translation>{param} 必须是 {kind} 类型，而不是 {value}。</translation>
    </message>
    <message>
        <source>Local derivatives: {derivatives}</source>
        <translation>局部导数：{derivatives}</translation>
    </message>
    <message>
        <source>Gradient sent back: {gradients}</source>
        <translation>传回的梯度：{gradients}</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算术</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Reductions</source>
        <translation>归约</translation>
    </message>
    <message>
        <source>Linear algebra</source>
        <translation>线性代数</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Autograd</source>
        <translation>自动求导</translation>
    </message>
    <message>
        <source>Recorded from code</source>
        <translation>从代码中记录</translation>
    </message>
    <message>
        <source>value</source>
        <translation>指定值</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>That would make more than {n} elements.</source>
        <translation>这会产生超过 {n} 个元素。</translation>
    </message>
    <message>
        <source>start, end and step must be single numbers.</source>
        <translation>start、end 和 step 必须都是单个数。</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>traced</source>
        <translation>跟踪所得</translation>
    </message>
    <message>
        <source>Adds a and b elementwise (broadcasting).</source>
        <translation>a 与 b 逐元素相加（按广播规则）。</translation>
    </message>
    <message>
        <source>Subtracts b from a elementwise (broadcasting).</source>
        <translation>a 逐元素减去 b（按广播规则）。</translation>
    </message>
    <message>
        <source>Multiplies a and b elementwise (broadcasting).</source>
        <translation>a 与 b 逐元素相乘（按广播规则）。</translation>
    </message>
    <message>
        <source>Divides a by b elementwise (broadcasting).</source>
        <translation>a 逐元素除以 b（按广播规则）。</translation>
    </message>
    <message>
        <source>a to the power b, elementwise.</source>
        <translation>a 的 b 次幂，逐元素计算。</translation>
    </message>
    <message>
        <source>Negation: -x.</source>
        <translation>取负：-x。</translation>
    </message>
    <message>
        <source>Exponential, elementwise.</source>
        <translation>指数函数，逐元素计算。</translation>
    </message>
    <message>
        <source>Natural logarithm, elementwise.</source>
        <translation>自然对数，逐元素计算。</translation>
    </message>
    <message>
        <source>Square root, elementwise.</source>
        <translation>平方根，逐元素计算。</translation>
    </message>
    <message>
        <source>Absolute value, elementwise (sign(0) = 0).</source>
        <translation>绝对值，逐元素计算（sign(0) = 0）。</translation>
    </message>
    <message>
        <source>Sine, elementwise.</source>
        <translation>正弦，逐元素计算。</translation>
    </message>
    <message>
        <source>Cosine, elementwise.</source>
        <translation>余弦，逐元素计算。</translation>
    </message>
    <message>
        <source>Hyperbolic tangent, elementwise.</source>
        <translation>双曲正切，逐元素计算。</translation>
    </message>
    <message>
        <source>Logistic sigmoid, elementwise.</source>
        <translation>Logistic sigmoid 函数，逐元素计算。</translation>
    </message>
    <message>
        <source>Rectified linear unit: negative elements become 0.</source>
        <translation>线性整流单元：负的元素变为 0。</translation>
    </message>
    <message>
        <source>Sum of the elements (over dim if given).</source>
        <translation>各元素之和（若给出 dim 则沿该维求和）。</translation>
    </message>
    <message>
        <source>Mean of the elements (over dim if given): n is how many each output averages.</source>
        <translation>各元素的平均值（若给出 dim 则沿该维求平均）：n 是每个输出平均的元素个数。</translation>
    </message>
    <message>
        <source>Mean (or sum) of (input - target)², what nn.MSELoss computes.</source>
        <translation>(input - target)² 的均值（或总和），即 nn.MSELoss 计算的内容。</translation>
    </message>
    <message>
        <source>Dot product of two 1-D tensors.</source>
        <translation>两个一维张量的点积。</translation>
    </message>
    <message>
        <source>Matrix product.</source>
        <translation>矩阵乘法。</translation>
    </message>
    <message>
        <source>input @ weightᵀ + bias, what nn.Linear computes.</source>
        <translation>input @ weightᵀ + bias，即 nn.Linear 计算的内容。</translation>
    </message>
    <message>
        <source>The same elements in a new shape.</source>
        <translation>元素相同、形状改变。</translation>
    </message>
    <message>
        <source>Swaps two dims.</source>
        <translation>交换两个维度。</translation>
    </message>
    <message>
        <source>Selects elements: the gradient flows into them, zero elsewhere.</source>
        <translation>选取元素：梯度流入被选中的元素，其余位置为零。</translation>
    </message>
    <message>
        <source>{call} was recorded from running code and its value was not kept. Trace the program again to see it.</source>
        <translation>{call} 是从运行的代码中记录的，它的值没有保留。再跟踪一次程序即可看到。</translation>
    </message>
    <message>
        <source>under torch.no_grad()</source>
        <translation>在 torch.no_grad() 下计算</translation>
    </message>
    <message>
        <source>An operation recorded from running code. The editor cannot run it again: it keeps the value the program computed, edits of its inputs do not change it, and backward stops at it.</source>
        <translation>从运行的代码中记录的运算。编辑器无法再次运行它：它保留程序算出的值，编辑它的输入不会改变它，反向传播在此停止。</translation>
    </message>
    <message>
        <source>Initialise with</source>
        <translation>初始化方式</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>dim (empty: all)</source>
        <translation>dim（留空：全部维度）</translation>
    </message>
    <message>
        <source>Input tensor</source>
        <translation>输入张量</translation>
    </message>
    <message>
        <source>A leaf tensor: a typed value or a shape with an initialiser. With requires_grad on, backward accumulates into its .grad.</source>
        <translation>叶子张量：一个指定类型的值，或一个形状加上初始化方式。打开 requires_grad 后，反向传播会把梯度累加到它的 .grad 中。</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>A Python number (kept a Python scalar, as in x ** 2) or a tensor literal that does not require grad.</source>
        <translation>一个 Python 数字（保持为 Python 标量，如 x ** 2 中的 2），或一个不需要梯度的张量字面量。</translation>
    </message>
    <message>
        <source>Shape (-1: inferred)</source>
        <translation>形状（-1：自动推断）</translation>
    </message>
    <message>
        <source>Index (e.g. 0, 0:2, 1, :)</source>
        <translation>索引（例如 0、0:2、1,：）</translation>
    </message>
    <message>
        <source>x.detach(): same values, no grad_fn; no gradient flows back through it</source>
        <translation>x.detach()：数值相同，没有 grad_fn；梯度不会经由它回传</translation>
    </message>
    <message>
        <source>{op} has no parameter {param!r}.</source>
        <translation>{op} 没有参数 {param!r}。</translation>
    </message>
</context>
<context>
    <name>OpFormula</name>
    <message>
        <source>Formula: {formula}</source>
        <translation>公式：{formula}</translation>
    </message>
    <message>
        <source>Local derivatives:</source>
        <translation>局部导数：</translation>
    </message>
    <message>
        <source>Local derivative: {line}</source>
        <translation>局部导数：{line}</translation>
    </message>
    <message>
        <source>Chain rule: grad_{source} = grad_out × ∂{out}/∂{port}</source>
        <translation>链式法则：grad_{source} = grad_out × ∂{out}/∂{port}</translation>
    </message>
</context>
<context>
    <name>PalettePanel</name>
    <message>
        <source>Search operations…</source>
        <translation>搜索运算…</translation>
    </message>
    <message>
        <source>Type part of an operation&apos;s name, e.g. mul or mean</source>
        <translation>输入运算名称的一部分，例如 mul 或 mean</translation>
    </message>
</context>
<context>
    <name>PlotExportDialog</name>
    <message>
        <source>Entire Scene</source>
        <translation>整个场景</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>绘图</translation>
    </message>
    <message>
        <source>ViewBox</source>
        <translation>视图框</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <source>The function to fit, in x: numbers, pi, e, + - * / ** and sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, relu, sign, step</source>
        <translation>要拟合的 x 的函数：可用数字、pi、e、+ - * / ** 以及 sin、cos、tan、exp、log、sqrt、abs、tanh、sigmoid、relu、sign、step</translation>
    </message>
    <message>
        <source>Standard deviation of the noise added to the target</source>
        <translation>加到目标上的噪声的标准差</translation>
    </message>
    <message>
        <source>polynomial</source>
        <translation>多项式</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>多层感知机 MLP</translation>
    </message>
    <message>
        <source>degree </source>
        <translation>次数 </translation>
    </message>
    <message>
        <source> units</source>
        <translation> 个单元</translation>
    </message>
    <message>
        <source> layers</source>
        <translation> 层</translation>
    </message>
    <message>
        <source>momentum </source>
        <translation>动量 </translation>
    </message>
    <message>
        <source>alpha </source>
        <translation>衰减率 alpha </translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Data range</source>
        <translation>数据范围</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Optimizer parameters</source>
        <translation>优化器参数</translation>
    </message>
    <message>
        <source>points of {file}</source>
        <translation>{file} 中的点</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>Fit a typed target again</source>
        <translation>重新拟合输入的目标表达式</translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <source>Fit the x,y rows of a CSV file instead</source>
        <translation>改为拟合 CSV 文件中的 x,y 行</translation>
    </message>
    <message>
        <source>Points to fit</source>
        <translation>要拟合的点</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PyTorchExport</name>
    <message>
        <source># end of group {name!r}</source>
        <translation># 组 {name!r} 结束</translation>
    </message>
    <message>
        <source># group {name!r}: {ops}</source>
        <translation># 组 {name!r}：{ops}</translation>
    </message>
    <message>
        <source># {name} is left out: input {ports} is not connected.</source>
        <translation># 省略了 {name}：输入 {ports} 未连接。</translation>
    </message>
    <message>
        <source># {name} is left out: it depends on a node that is left out.</source>
        <translation># 省略了 {name}：它依赖于一个被省略的节点。</translation>
    </message>
    <message>
        <source># {name} is left out: {reason}</source>
        <translation># 省略了 {name}：{reason}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>autograd-explorer did not close properly last time. These graphs were autosaved then; the checked ones will be restored, each in its own window.</source>
        <translation>autograd-explorer 上次没有正常关闭。以下计算图是当时自动保存的；勾选的将被恢复，每个在各自的窗口中打开。</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>自动保存于</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Delete the graphs not restored</source>
        <translation>删除未恢复的计算图</translation>
    </message>
    <message>
        <source>Unchecked graphs are otherwise kept and offered again at the next start.</source>
        <translation>否则未勾选的计算图会保留，并在下次启动时再次提供。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Keep every autosave for the next start.</source>
        <translation>保留所有自动保存，留到下次启动。</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>{name} cannot be computed: {reason}</source>
        <translation>无法计算 {name}：{reason}</translation>
    </message>
    <message>
        <source>backward failed: {reason}</source>
        <translation>反向传播失败：{reason}</translation>
    </message>
    <message>
        <source>Evaluate a graph (.json) or a PyTorch snippet (.py), run backward from its root(s) and print values and gradients.</source>
        <translation>计算一个图（.json）或 PyTorch 代码片段（.py），从其根节点运行反向传播，并打印值和梯度。</translation>
    </message>
    <message>
        <source>a graph .json, a snippet .py or the name of a bundled example</source>
        <translation>图 .json、代码片段 .py 或内置示例的名称</translation>
    </message>
    <message>
        <source>out of memory: the program&apos;s tensors are too large.</source>
        <translation>内存不足：程序的张量太大。</translation>
    </message>
    <message>
        <source>the program is nested too deeply.</source>
        <translation>程序嵌套太深。</translation>
    </message>
    <message>
        <source>internal error ({kind}: {reason}); please report it.</source>
        <translation>内部错误（{kind}: {reason}）；请报告此问题。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>SnippetFile</name>
    <message>
        <source>{path} is not a regular file.</source>
        <translation>{path} 不是普通文件。</translation>
    </message>
    <message>
        <source>The file is too large for a snippet ({size} bytes; at most {limit}).</source>
        <translation>文件太大，不能作为代码片段（{size} 字节；最多 {limit}）。</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>The file is too large for a snippet.</source>
        <translation>文件太大，不能作为代码片段。</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text.</source>
        <translation>文件不是 UTF-8 文本。</translation>
    </message>
</context>
<context>
    <name>SnippetImport</name>
    <message>
        <source>Line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>无效的语法</translation>
    </message>
    <message>
        <source>invalid syntax. Perhaps you forgot a comma?</source>
        <translation>无效的语法，是否漏了逗号？</translation>
    </message>
    <message>
        <source>&apos;{bracket}&apos; was never closed</source>
        <translation>括号 {bracket} 没有闭合</translation>
    </message>
    <message>
        <source>unmatched &apos;{bracket}&apos;</source>
        <translation>多出一个括号 {bracket}</translation>
    </message>
    <message>
        <source>the program is too long (more than {n} characters).</source>
        <translation>程序太长（超过 {n} 个字符）。</translation>
    </message>
    <message>
        <source>syntax error: {message}</source>
        <translation>语法错误：{message}</translation>
    </message>
    <message>
        <source>the code is nested too deeply to read.</source>
        <translation>代码嵌套太深，无法读取。</translation>
    </message>
    <message>
        <source>the expression is nested more than {n} levels deep.</source>
        <translation>表达式嵌套超过 {n} 层。</translation>
    </message>
    <message>
        <source>names with double underscores ({name}) are not allowed.</source>
        <translation>不允许使用带双下划线的名字（{name}）。</translation>
    </message>
    <message>
        <source>attributes with double underscores ({name}) are not allowed.</source>
        <translation>不允许使用带双下划线的属性（{name}）。</translation>
    </message>
    <message>
        <source>{name}() is not allowed in a snippet.</source>
        <translation>代码片段中不允许使用 {name}()。</translation>
    </message>
    <message>
        <source>loops are not supported: the canvas shows one pass through the code. Training loops run in Training &gt; Polynomial training workbench.</source>
        <translation>不支持循环：画布只显示代码的一次执行过程。训练循环请在“训练 &gt; 多项式训练工作台”中运行。</translation>
    </message>
    <message>
        <source>loops</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>if statements</source>
        <translation>if 语句</translation>
    </message>
    <message>
        <source>function definitions</source>
        <translation>函数定义</translation>
    </message>
    <message>
        <source>class definitions</source>
        <translation>类定义</translation>
    </message>
    <message>
        <source>try statements</source>
        <translation>try 语句</translation>
    </message>
    <message>
        <source>del statements</source>
        <translation>del 语句</translation>
    </message>
    <message>
        <source>global declarations</source>
        <translation>global 声明</translation>
    </message>
    <message>
        <source>control flow statements</source>
        <translation>控制流语句</translation>
    </message>
    <message>
        <source>{kind} statements</source>
        <translation>{kind} 语句</translation>
    </message>
    <message>
        <source>lambda expressions</source>
        <translation>lambda 表达式</translation>
    </message>
    <message>
        <source>comprehensions</source>
        <translation>推导式</translation>
    </message>
    <message>
        <source>comparisons</source>
        <translation>比较运算</translation>
    </message>
    <message>
        <source>strings</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>conditional expressions (a if c else b)</source>
        <translation>条件表达式（a if c else b）</translation>
    </message>
    <message>
        <source>lists, tuples, sets and dicts</source>
        <translation>列表、元组、集合和字典</translation>
    </message>
    <message>
        <source>{kind} expressions</source>
        <translation>{kind} 表达式</translation>
    </message>
    <message>
        <source>{kind} are not supported.</source>
        <translation>不支持 {kind}。</translation>
    </message>
    <message>
        <source>the program builds more than {n} nodes.</source>
        <translation>程序构建的节点超过 {n} 个。</translation>
    </message>
    <message>
        <source>only name += value (and -=, *=, /=, **=, @=) is supported.</source>
        <translation>只支持 name += value（以及 -=、*=、/=、**=、@=）。</translation>
    </message>
    <message>
        <source>assign one name at a time (a = b = ... is not supported).</source>
        <translation>一次只能给一个名字赋值（不支持 a = b = ...）。</translation>
    </message>
    <message>
        <source>only .grad = None may be assigned.</source>
        <translation>只能赋值 .grad = None。</translation>
    </message>
    <message>
        <source>only plain names can be assigned (not attributes, items or tuples).</source>
        <translation>只能给普通名字赋值（不能是属性、下标或元组）。</translation>
    </message>
    <message>
        <source>{name} cannot be reassigned.</source>
        <translation>{name} 不能被重新赋值。</translation>
    </message>
    <message>
        <source>backward(create_graph=..., inputs=...) is not supported.</source>
        <translation>不支持 backward(create_graph=..., inputs=...)。</translation>
    </message>
    <message>
        <source>the gradient of backward must be torch.ones_like(...), torch.ones(...) or torch.tensor([...]).</source>
        <translation>backward 的梯度必须是 torch.ones_like(...)、torch.ones(...) 或 torch.tensor([...])。</translation>
    </message>
    <message>
        <source>requires_grad_() after the tensor was used is not supported; call it right after creating the tensor.</source>
        <translation>不支持在张量被使用之后再调用 requires_grad_()；请在创建张量后立即调用。</translation>
    </message>
    <message>
        <source>the only supported with block is &apos;with torch.no_grad():&apos;.</source>
        <translation>唯一支持的 with 语句块是 &apos;with torch.no_grad():&apos;。</translation>
    </message>
    <message>
        <source>{kind} are not supported here.</source>
        <translation>这里不支持 {kind}。</translation>
    </message>
    <message>
        <source>conditional expressions (a if c else b) are supported only when c is known without running the code.</source>
        <translation>只有当 c 不运行代码就能知道时，才支持条件表达式 (a if c else b)。</translation>
    </message>
    <message>
        <source>the number is too large (it does not fit in int64).</source>
        <translation>数字太大（超出 int64 的范围）。</translation>
    </message>
    <message>
        <source>name {name!r} is not defined.</source>
        <translation>名字 {name!r} 未定义。</translation>
    </message>
    <message>
        <source>{module}.{name} is not supported.</source>
        <translation>不支持 {module}.{name}。</translation>
    </message>
    <message>
        <source>reading .{name} is not supported in a snippet (only in print).</source>
        <translation>代码片段中不支持读取 .{name}（只能在 print 中读取）。</translation>
    </message>
    <message>
        <source>the operator {op} is not supported.</source>
        <translation>不支持运算符 {op}。</translation>
    </message>
    <message>
        <source>{name} is not a known function.</source>
        <translation>{name} 不是已知的函数。</translation>
    </message>
    <message>
        <source>calling {name} is not supported.</source>
        <translation>不支持调用 {name}。</translation>
    </message>
    <message>
        <source>torch.{name} is not supported.</source>
        <translation>不支持 torch.{name}。</translation>
    </message>
    <message>
        <source>{name}() takes the shape only.</source>
        <translation>{name}() 只接受形状参数。</translation>
    </message>
    <message>
        <source>in-place operations such as {name}() are not supported.</source>
        <translation>不支持 {name}() 这样的原地运算。</translation>
    </message>
    <message>
        <source>the tensor method {name}() is not supported.</source>
        <translation>不支持张量方法 {name}()。</translation>
    </message>
    <message>
        <source>arange needs finite bounds and a step that is not zero.</source>
        <translation>arange 需要有限的边界和一个非零的步长。</translation>
    </message>
    <message>
        <source>a random tensor of more than {n} elements that is not the first draw after torch.manual_seed cannot be shown exactly; call torch.manual_seed(...) right before it.</source>
        <translation>torch.manual_seed 之后不是第一次抽取的随机张量若超过 {n} 个元素，就无法精确显示；请在它之前调用 torch.manual_seed(...)。</translation>
    </message>
    <message>
        <source>the tensor literal is nested more than {n} levels deep.</source>
        <translation>张量字面量嵌套超过 {n} 层。</translation>
    </message>
    <message>
        <source>the tensor has more than {n} elements.</source>
        <translation>张量的元素超过 {n} 个。</translation>
    </message>
    <message>
        <source>sizes must not be negative (found {n}).</source>
        <translation>尺寸不能为负数（发现 {n}）。</translation>
    </message>
    <message>
        <source>dtype must be one of torch.float32, torch.float64, torch.int64, torch.bool.</source>
        <translation>dtype 必须是 torch.float32、torch.float64、torch.int64、torch.bool 之一。</translation>
    </message>
    <message>
        <source>only device=&apos;cpu&apos; is supported in a snippet.</source>
        <translation>代码片段中只支持 device=&apos;cpu&apos;。</translation>
    </message>
    <message>
        <source>a number is expected here.</source>
        <translation>这里需要一个数。</translation>
    </message>
    <message>
        <source>an integer is expected here.</source>
        <translation>这里需要一个整数。</translation>
    </message>
    <message>
        <source>True or False is expected here.</source>
        <translation>这里需要 True 或 False。</translation>
    </message>
    <message>
        <source>Sequential takes modules only.</source>
        <translation>Sequential 只接受模块。</translation>
    </message>
    <message>
        <source>reduction must be &apos;mean&apos; or &apos;sum&apos;.</source>
        <translation>reduction 必须是 &apos;mean&apos; 或 &apos;sum&apos;。</translation>
    </message>
    <message>
        <source>MSELoss needs an input and a target; call it outside the Sequential.</source>
        <translation>MSELoss 需要一个输入和一个目标；请在 Sequential 之外调用它。</translation>
    </message>
    <message>
        <source>{op} needs a tensor operand.</source>
        <translation>{op} 需要一个张量操作数。</translation>
    </message>
    <message>
        <source>a tensor or a number is expected here.</source>
        <translation>这里需要一个张量或一个数。</translation>
    </message>
    <message>
        <source>a tensor is expected here.</source>
        <translation>这里需要一个张量。</translation>
    </message>
    <message>
        <source>nodes already on the canvas cannot be changed from code; edit them in the inspector.</source>
        <translation>画布上已有的节点不能通过代码修改；请在检查器中编辑它们。</translation>
    </message>
    <message>
        <source>the engine cannot compute this value: {message}</source>
        <translation>引擎无法计算这个值：{message}</translation>
    </message>
    <message>
        <source>only &apos;import torch&apos;, &apos;import math&apos;, &apos;import torch.nn as nn&apos; (or &apos;from torch import nn&apos;) and &apos;import torch.nn.functional as F&apos; are allowed.</source>
        <translation>只允许 &apos;import torch&apos;、&apos;import math&apos;、&apos;import torch.nn as nn&apos;（或 &apos;from torch import nn&apos;）和 &apos;import torch.nn.functional as F&apos;。</translation>
    </message>
    <message>
        <source>Did you mean {names}?</source>
        <translation>你是不是想用 {names}？</translation>
    </message>
    <message>
        <source>*args and **kwargs are not supported.</source>
        <translation>不支持 *args 和 **kwargs。</translation>
    </message>
    <message>
        <source>{func}() takes at most {n} positional arguments.</source>
        <translation>{func}() 最多接受 {n} 个位置参数。</translation>
    </message>
    <message>
        <source>{func}() got an unexpected keyword argument {name!r}.</source>
        <translation>{func}() 收到了意外的关键字参数 {name!r}。</translation>
    </message>
    <message>
        <source>{func}() got multiple values for argument {name!r}.</source>
        <translation>{func}() 的参数 {name!r} 收到了多个值。</translation>
    </message>
    <message>
        <source>{func}() is missing the argument {name!r}.</source>
        <translation>{func}() 缺少参数 {name!r}。</translation>
    </message>
    <message>
        <source>complex numbers are not supported.</source>
        <translation>不支持复数。</translation>
    </message>
    <message>
        <source>division by zero.</source>
        <translation>除以零。</translation>
    </message>
    <message>
        <source>the number is out of range.</source>
        <translation>数超出了范围。</translation>
    </message>
    <message>
        <source>values of dtype {dtype} cannot be held by a node.</source>
        <translation>节点无法保存 dtype 为 {dtype} 的值。</translation>
    </message>
</context>
<context>
    <name>StepExplanation</name>
    <message>
        <source>The engine ran {op} and computed {name}. It remembers how: grad_fn={grad_fn} will send the gradient back to its inputs.</source>
        <translation>引擎执行了 {op}，计算出 {name}。它记住了计算方式：grad_fn={grad_fn} 会把梯度传回它的输入。</translation>
    </message>
    <message>
        <source>The engine ran detach and computed {name}: the same values as {source}, but no grad_fn and requires_grad=False, so no gradient flows back through it.</source>
        <translation>引擎执行了 detach，计算出 {name}：数值与 {source} 相同，但没有 grad_fn，requires_grad=False，因此梯度不会经由它回传。</translation>
    </message>
    <message>
        <source>The engine ran {op} under torch.no_grad() and computed {name}: no graph was recorded (no grad_fn), so no gradient flows back through it.</source>
        <translation>引擎在 torch.no_grad() 下执行了 {op}，计算出 {name}：没有记录计算图（没有 grad_fn），因此梯度不会经由它回传。</translation>
    </message>
    <message>
        <source>The engine created the leaf {name}. It requires grad, so backward will accumulate into {name}.grad.</source>
        <translation>引擎创建了叶子张量 {name}。它需要梯度，因此反向传播会把梯度累加到 {name}.grad 中。</translation>
    </message>
    <message>
        <source>The engine ran {op} and computed {name}. No input requires grad, so no gradient will flow here.</source>
        <translation>引擎执行了 {op}，计算出 {name}。没有输入需要梯度，因此不会有梯度流到这里。</translation>
    </message>
    <message>
        <source>{sentence} Shape: {shape}.</source>
        <translation>{sentence} 形状：{shape}。</translation>
    </message>
    <message>
        <source>{grad} (input {port})</source>
        <translation>{grad}（输入 {port}）</translation>
    </message>
    <message>
        <source>grad_{name} is summed over the broadcast dimensions back to the shape of {name} ({shape}).</source>
        <translation>grad_{name} 沿广播的维度求和，变回 {name} 的形状（{shape}）。</translation>
    </message>
    <message>
        <source>{fn} runs inside the computation of {name}.</source>
        <translation>{fn} 在 {name} 的计算内部执行。</translation>
    </message>
    <message>
        <source>{count} gradient paths meet at {name} and are summed. {fn} then multiplies grad_out by each input&apos;s local derivative and sends the result back along its edges.</source>
        <translation>{count} 条梯度路径在 {name} 处汇合并相加。然后 {fn} 把 grad_out 乘以每个输入的局部导数，并沿各条边把结果传回。</translation>
    </message>
    <message>
        <source>Backward starts at {name}: grad_out is the gradient argument of backward. {fn} multiplies it by each input&apos;s local derivative and sends the result back.</source>
        <translation>反向传播从 {name} 开始：grad_out 是 backward 的 gradient 参数。{fn} 把它乘以每个输入的局部导数，并把结果传回。</translation>
    </message>
    <message>
        <source>The gradient arrived at {name}. {fn} multiplies grad_out by each input&apos;s local derivative (chain rule) and sends the result back along its edges.</source>
        <translation>梯度到达了 {name}。{fn} 把 grad_out 乘以每个输入的局部导数（链式法则），并沿各条边把结果传回。</translation>
    </message>
    <message>
        <source>{sentence} The gradient of {names} comes in a later step: {fn} sends it on to {inner}, which also runs inside the computation of {name}.</source>
        <translation>{sentence} {names} 的梯度在后面的一步到达：{fn} 把它传给 {inner}，后者同样在 {name} 的计算内部执行。</translation>
    </message>
    <message>
        <source>{sentence} The gradient of {names} comes in another step of {name}.</source>
        <translation>{sentence} {names} 的梯度在 {name} 的另一步中得到。</translation>
    </message>
    <message>
        <source>{sentence} No gradient flows to {names}: it does not require grad.</source>
        <translation>{sentence} 没有梯度流向 {names}：它不需要梯度。</translation>
    </message>
    <message>
        <source>{sentence} The constant {names} gets no gradient.</source>
        <translation>{sentence} 常量 {names} 不会得到梯度。</translation>
    </message>
    <message>
        <source>{name} is not a leaf, but retain_grad() is on, so its gradient is kept in {name}.grad.</source>
        <translation>{name} 不是叶子张量，但打开了 retain_grad()，因此它的梯度保留在 {name}.grad 中。</translation>
    </message>
    <message>
        <source>AccumulateGrad: {name} is a leaf that requires grad. Its .grad was None, so it becomes the arriving gradient.</source>
        <translation>AccumulateGrad：{name} 是需要梯度的叶子张量。它的 .grad 原来是 None，因此直接成为到达的梯度。</translation>
    </message>
    <message>
        <source>AccumulateGrad: {name} is a leaf. Its .grad already held a value, so the arriving gradient is added to it (call grad.zero_() to start again).</source>
        <translation>AccumulateGrad：{name} 是叶子张量。它的 .grad 已经有值，因此到达的梯度会加到它上面（调用 grad.zero_() 可以从头开始）。</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Gradient check compares every leaf&apos;s .grad with finite differences of the graph.</source>
        <translation>梯度检查会把每个叶子张量的 .grad 与计算图的有限差分结果进行比较。</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>当前步骤</translation>
    </message>
    <message>
        <source>Leaf</source>
        <translation>叶子张量</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Analytic (.grad)</source>
        <translation>解析梯度（.grad）</translation>
    </message>
    <message>
        <source>Numeric</source>
        <translation>数值梯度</translation>
    </message>
    <message>
        <source>|Difference|</source>
        <translation>|差值|</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>Step {position} of {total}</source>
        <translation>第 {position} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Press Forward to watch the values being computed, or Backward to watch the gradients flow back to the leaves. Step moves one engine event at a time.</source>
        <translation>按“前向传播”观看数值的计算过程，或按“反向传播”观看梯度流回叶子张量。“单步”每次前进一个引擎事件。</translation>
    </message>
    <message>
        <source>{name}: {checked} of {total} elements checked</source>
        <translation>{name}：已检查 {checked} / {total} 个元素</translation>
    </message>
    <message>
        <source>Numeric and analytic gradients agree (float64, central differences, tolerance {tol}).</source>
        <translation>数值梯度与解析梯度一致（float64，中心差分，容差 {tol}）。</translation>
    </message>
    <message>
        <source>Some gradients are nan: the function is not defined at this point (tolerance {tol} cannot apply).</source>
        <translation>有些梯度是 nan：函数在这一点没有定义（容差 {tol} 不适用）。</translation>
    </message>
    <message>
        <source>Numeric and analytic gradients DISAGREE (tolerance {tol}).</source>
        <translation>数值梯度与解析梯度【不一致】（容差 {tol}）。</translation>
    </message>
</context>
<context>
    <name>TensorBudget</name>
    <message>
        <source>This would take the graph past {n} billion multiply-adds, more than the editor computes at once.</source>
        <translation>这会使计算图的乘加运算超过 {n} × 10⁹ 次，超出编辑器一次所能计算的量。</translation>
    </message>
    <message>
        <source>This would take the graph&apos;s tensors to {need} MB, past the budget of {limit} MB (set {var} to change it).</source>
        <translation>这会使计算图的张量达到 {need} MB，超出 {limit} MB 的预算（可设置 {var} 来修改）。</translation>
    </message>
    <message>
        <source>Tensor &amp;Budget…</source>
        <translation>张量预算(&amp;B)…</translation>
    </message>
    <message>
        <source>Set how much memory the graph&apos;s tensors may take before a node is refused</source>
        <translation>设置计算图中张量最多可占用的内存，超出时节点被拒绝</translation>
    </message>
    <message>
        <source>Most memory the graph&apos;s tensors may take, in MB (0: the default, a quarter of this machine&apos;s memory: {default} MB).</source>
        <translation>计算图中张量最多可占用的内存，单位 MB（0 表示默认值，即本机内存的四分之一：{default} MB）。</translation>
    </message>
    <message>
        <source>{var} is set and takes precedence over this setting.</source>
        <translation>已设置 {var}，它优先于此设置。</translation>
    </message>
    <message>
        <source>Tensor Budget</source>
        <translation>张量预算</translation>
    </message>
    <message>
        <source>Tensor budget: {n} MB.</source>
        <translation>张量预算：{n} MB。</translation>
    </message>
    <message>
        <source>Tensor budget: the default ({n} MB).</source>
        <translation>张量预算：默认值（{n} MB）。</translation>
    </message>
</context>
<context>
    <name>TraceAction</name>
    <message>
        <source>&amp;Trace Python Script or Notebook…</source>
        <translation>跟踪 Python 脚本或笔记本(&amp;T)…</translation>
    </message>
    <message>
        <source>Run a Python script or Jupyter notebook (it executes) and open the graphs of its backward calls</source>
        <translation>运行 Python 脚本或 Jupyter 笔记本（代码会执行），并打开它每次反向传播调用的计算图</translation>
    </message>
    <message>
        <source>Run this notebook?</source>
        <translation>运行这个笔记本？</translation>
    </message>
    <message>
        <source>Tracing RUNS the code cells of {name} as Python, like Jupyter&apos;s Run All: its code executes with your permissions and can do anything a program can. Only trace code you trust.

Run it now?</source>
        <translation>跟踪会把 {name} 的代码单元格当作 Python 依次运行，就像 Jupyter 的 Run All 一样：它的代码以你的权限执行，能做任何程序能做的事。只跟踪你信任的代码。

现在运行吗？</translation>
    </message>
    <message>
        <source>Run this script?</source>
        <translation>运行这个脚本？</translation>
    </message>
    <message>
        <source>Tracing RUNS {name} as Python, like &apos;python {name}&apos;: its code executes with your permissions and can do anything a program can. Only trace code you trust.

Run it now?</source>
        <translation>跟踪会把 {name} 当作 Python 运行，就像 &apos;python {name}&apos; 一样：它的代码以你的权限执行，能做任何程序能做的事。只跟踪你信任的代码。

现在运行吗？</translation>
    </message>
    <message>
        <source>Trace Python Script</source>
        <translation>跟踪 Python 脚本</translation>
    </message>
    <message>
        <source>Python scripts and notebooks (*.py *.ipynb)</source>
        <translation>Python 脚本和笔记本 (*.py *.ipynb)</translation>
    </message>
    <message>
        <source>{name} is still running: it stops when the call it waits in returns.</source>
        <translation>{name} 仍在运行：它正在等待的调用返回后就会停止。</translation>
    </message>
    <message>
        <source>{name} was cancelled.</source>
        <translation>{name} 已取消。</translation>
    </message>
    <message>
        <source>{name} made no backward call: there is no graph to show.</source>
        <translation>{name} 没有做反向传播调用：没有可显示的计算图。</translation>
    </message>
</context>
<context>
    <name>TraceCommand</name>
    <message>
        <source>RUNS SCRIPT.py, exactly as &apos;python SCRIPT.py ARGS&apos; would: its code executes with your permissions. Only trace code you trust. &apos;import torch&apos; in it gives the engine; the graph of every backward call it makes is recorded (loops are unrolled) and opened in the explorer.</source>
        <translation>运行 SCRIPT.py，与 &apos;python SCRIPT.py ARGS&apos; 完全一样：它的代码以你的权限执行。只跟踪你信任的代码。其中的 &apos;import torch&apos; 得到的是本引擎；它每次反向传播调用的计算图都会被记录（循环被展开），并在 explorer 中打开。</translation>
    </message>
    <message>
        <source>A Jupyter notebook (.ipynb) runs its code cells in order, like Run All; its IPython-only lines (%magics, !commands) are skipped and listed.</source>
        <translation>Jupyter 笔记本（.ipynb）按顺序运行它的代码单元格，就像 Run All 一样；其中 IPython 专用的行（%magics、!commands）会被跳过并列出。</translation>
    </message>
    <message>
        <source>print one line per captured backward call (index, file:line, root, node count) and exit</source>
        <translation>每个捕获到的反向传播调用打印一行（序号、文件名：行号、根、节点数），然后退出</translation>
    </message>
    <message>
        <source>capture the first K backward calls (default 3)</source>
        <translation>捕获前 K 次反向传播调用（默认 3）</translation>
    </message>
    <message>
        <source>and every N-th backward call (default 100; 0: none)</source>
        <translation>以及每第 N 次反向传播调用（默认 100；0 表示不捕获）</translation>
    </message>
    <message>
        <source>render the window on one captured graph, write the PNG and exit</source>
        <translation>在一个捕获到的计算图上渲染窗口，写出 PNG 后退出</translation>
    </message>
    <message>
        <source>the backward call to open, by its index in --list (default: the first captured)</source>
        <translation>要打开的反向传播调用，用 --list 中的序号指定（默认：第一个捕获到的）</translation>
    </message>
    <message>
        <source>replay the recorded forward or backward pass to its end</source>
        <translation>把记录下来的前向或反向传播回放到结束</translation>
    </message>
    <message>
        <source>user interface language (default: the one chosen last, or the system&apos;s)</source>
        <translation>界面语言（默认：上次选择的语言，或跟随系统）</translation>
    </message>
    <message>
        <source>the Python script or Jupyter notebook (.ipynb) to run</source>
        <translation>要运行的 Python 脚本或 Jupyter 笔记本（.ipynb）</translation>
    </message>
    <message>
        <source>arguments for the script</source>
        <translation>传给脚本的参数</translation>
    </message>
    <message>
        <source>The script raised an exception; the {count} graphs captured before it are still offered.</source>
        <translation>脚本抛出了异常；在此之前捕获到的 {count} 个计算图仍然可用。</translation>
    </message>
    <message>
        <source>The script called sys.exit({code}).</source>
        <translation>脚本调用了 sys.exit({code})。</translation>
    </message>
    <message>
        <source>The script made no backward call: there is no graph to show.</source>
        <translation>脚本没有做反向传播调用：没有可显示的计算图。</translation>
    </message>
    <message>
        <source>No captured backward call has index {n}; see --list.</source>
        <translation>没有序号为 {n} 的已捕获反向传播调用；请看 --list。</translation>
    </message>
    <message>
        <source>Cannot write the screenshot to {path}.</source>
        <translation>无法将截图写入 {path}。</translation>
    </message>
</context>
<context>
    <name>TraceProgress</name>
    <message>
        <source>Trace Python Script</source>
        <translation>跟踪 Python 脚本</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stopping {name}… (a call it is waiting in must return first)</source>
        <translation>正在停止 {name}…（它正在等待的调用必须先返回）</translation>
    </message>
    <message>
        <source>Running {name}… {calls} backward calls so far.</source>
        <translation>正在运行 {name}… 到目前为止有 {calls} 次反向传播调用。</translation>
    </message>
    <message>
        <source>Stop Waiting</source>
        <translation>不再等待</translation>
    </message>
    <message>
        <source>{name} was cancelled after {calls} backward calls.</source>
        <translation>{name} 在 {calls} 次反向传播调用后被取消。</translation>
    </message>
    <message>
        <source>{name} raised an exception after {calls} backward calls; its traceback is below its output.</source>
        <translation>{name} 在 {calls} 次反向传播调用后抛出异常；回溯信息在它的输出下方。</translation>
    </message>
    <message>
        <source>Open the {n} Captured Graphs</source>
        <translation>打开捕获的 {n} 个计算图</translation>
    </message>
    <message>
        <source>Output of {name}</source>
        <translation>{name} 的输出</translation>
    </message>
</context>
<context>
    <name>TrainingCli</name>
    <message>
        <source>Fit y = a + b x + c x^2 + d x^3 to sin(x) with the engine, as the PyTorch tutorial does; print the loss every 100 steps and the result.</source>
        <translation>像 PyTorch 教程那样，用引擎把 y = a + b x + c x^2 + d x^3 拟合到 sin(x)；每 100 步打印一次损失，最后打印结果。</translation>
    </message>
    <message>
        <source>which version of the program to run (default: tensors)</source>
        <translation>要运行程序的哪个版本（默认：tensors）</translation>
    </message>
    <message>
        <source>number of steps (default: 2000)</source>
        <translation>步数（默认：2000）</translation>
    </message>
    <message>
        <source>learning rate (default: the preset&apos;s)</source>
        <translation>学习率（默认：预设的学习率）</translation>
    </message>
    <message>
        <source>seed for the initial weights (default: the preset&apos;s start)</source>
        <translation>初始权重的随机种子（默认：预设的起点）</translation>
    </message>
    <message>
        <source>number of points in [-pi, pi] (default: 2000)</source>
        <translation>[-pi, pi] 中的点数（默认：2000）</translation>
    </message>
    <message>
        <source>optimizer, for presets that use one: SGD, RMSprop, Adam (your own problem: also momentum)</source>
        <translation>优化器，用于使用优化器的预设：SGD、RMSprop、Adam（自定义问题还可用 momentum）</translation>
    </message>
    <message>
        <source>fit your own target in x, such as &apos;exp(-x**2)&apos; (the custom preset)</source>
        <translation>拟合你自己的 x 的目标函数，例如 &apos;exp(-x**2)&apos;（custom 预设）</translation>
    </message>
    <message>
        <source>fit the x,y rows of a CSV file (the custom preset)</source>
        <translation>拟合 CSV 文件中的 x,y 行（custom 预设）</translation>
    </message>
    <message>
        <source>the custom preset&apos;s model: poly:D (D 1 to 9) or mlp:WxD:tanh|relu|sigmoid</source>
        <translation>custom 预设的模型：poly:D（D 为 1 到 9）或 mlp:WxD:tanh|relu|sigmoid</translation>
    </message>
    <message>
        <source>the target&apos;s x range (default: -pi pi)</source>
        <translation>目标的 x 范围（默认：-pi pi）</translation>
    </message>
    <message>
        <source>standard deviation of noise added to the target</source>
        <translation>加到目标上的噪声的标准差</translation>
    </message>
    <message>
        <source>record the run&apos;s loss, fit and coefficient plots as a GIF, an MP4 or a folder of numbered PNGs, instead of printing</source>
        <translation>把这次训练的损失、拟合和系数图录制为 GIF、MP4 或一个装有编号 PNG 的文件夹，而不是打印</translation>
    </message>
    <message>
        <source>steps per second while recording (default: {speed:g})</source>
        <translation>录制时每秒的步数（默认：{speed:g}）</translation>
    </message>
    <message>
        <source>--target, --data, --model, --range and --noise need --preset custom</source>
        <translation>--target、--data、--model、--range 和 --noise 需要 --preset custom</translation>
    </message>
    <message>
        <source>--record needs the explorer&apos;s window toolkit: run autograd-explorer train</source>
        <translation>--record 需要本程序的窗口工具包：请运行 autograd-explorer train</translation>
    </message>
    <message>
        <source>--speed must be positive</source>
        <translation>--speed 必须为正数</translation>
    </message>
    <message>
        <source>where the tensors live (cuda needs CuPy and a GPU)</source>
        <translation>张量所在的设备（cuda 需要 CuPy 和 GPU）</translation>
    </message>
    <message>
        <source>print the PyTorch program instead of running it</source>
        <translation>打印 PyTorch 程序，而不是运行它</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
</context>
<context>
    <name>TrainingInstall</name>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Polynomial &amp;training workbench...</source>
        <translation>多项式训练工作台(&amp;T)…</translation>
    </message>
    <message>
        <source>Fit a cubic to sin(x) with the engine and watch the loss live</source>
        <translation>用引擎把三次多项式拟合到 sin(x)，实时观察损失</translation>
    </message>
</context>
<context>
    <name>TrainingModel</name>
    <message>
        <source>The polynomial&apos;s degree must be 1 to {top}, not {value}.</source>
        <translation>多项式的次数必须在 1 到 {top} 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>An MLP has 1 to {width} units per layer and 1 to {depth} hidden layers.</source>
        <translation>MLP 每层有 1 到 {width} 个单元，共 1 到 {depth} 个隐藏层。</translation>
    </message>
    <message>
        <source>Unknown activation {name}; choose one of {names}.</source>
        <translation>未知的激活函数 {name}；请从 {names} 中选择。</translation>
    </message>
    <message>
        <source>Unknown model {text}; write poly:3 or mlp:32x2:tanh, for example.</source>
        <translation>未知的模型 {text}；请写成例如 poly:3 或 mlp:32x2:tanh。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数坐标）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Data and fit</source>
        <translation>数据与拟合</translation>
    </message>
    <message>
        <source>sin(x)</source>
        <translation>sin(x)</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Weight norms {names}</source>
        <translation>权重范数 {names}</translation>
    </message>
    <message>
        <source>Coefficients {names}</source>
        <translation>系数 {names}</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
</context>
<context>
    <name>TrainingPoints</name>
    <message>
        <source>line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>and {count} more bad rows</source>
        <translation>另有 {count} 个错误行</translation>
    </message>
    <message>
        <source>{file} is larger than {size} MB.</source>
        <translation>{file} 大于 {size} MB。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text (byte {offset}).</source>
        <translation>{file} 不是 UTF-8 文本（第 {offset} 个字节）。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>more than {count} points</source>
        <translation>超过 {count} 个点</translation>
    </message>
    <message>
        <source>The file has {count} usable x,y rows; training needs at least 2.</source>
        <translation>文件中只有 {count} 个可用的 x,y 行；训练至少需要 2 个。</translation>
    </message>
    <message>
        <source>{count} values, not 2 (x,y)</source>
        <translation>有 {count} 个值，而不是 2 个（x, y）</translation>
    </message>
    <message>
        <source>{text} is not a number</source>
        <translation>{text} 不是数字</translation>
    </message>
    <message>
        <source>{text} is not a finite number</source>
        <translation>{text} 不是有限数</translation>
    </message>
</context>
<context>
    <name>TrainingPresets</name>
    <message>
        <source>Unknown preset {name}; choose one of {names}.</source>
        <translation>未知的预设 {name}；请从 {names} 中选择一个。</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number, not {value}.</source>
        <translation>学习率必须是正数，而不是 {value}。</translation>
    </message>
    <message>
        <source>The number of steps must be at least 1, not {value}.</source>
        <translation>步数至少为 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>The number of points must be at least 2, not {value}.</source>
        <translation>点数至少为 2，而不是 {value}。</translation>
    </message>
    <message>
        <source>The seed must be between 0 and 2^63 - 1, not {value}.</source>
        <translation>随机种子必须在 0 到 2^63 - 1 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>Unknown optimizer {name}; choose one of {names}.</source>
        <translation>未知的优化器 {name}；请从 {names} 中选择一个。</translation>
    </message>
    <message>
        <source>The preset {name} updates its weights by hand; it takes no optimizer.</source>
        <translation>预设 {name} 手动更新权重，不使用优化器。</translation>
    </message>
    <message>
        <source>The custom preset needs a problem.</source>
        <translation>custom 预设需要一个问题。</translation>
    </message>
    <message>
        <source>Unknown device {name}; choose cpu or cuda.</source>
        <translation>未知的设备 {name}；请选择 cpu 或 cuda。</translation>
    </message>
    <message>
        <source>Tensors and autograd</source>
        <translation>张量与 autograd</translation>
    </message>
    <message>
        <source>nn module</source>
        <translation>nn 模块</translation>
    </message>
    <message>
        <source>optimizer (RMSprop)</source>
        <translation>优化器（RMSprop）</translation>
    </message>
    <message>
        <source>custom Function (Legendre P3)</source>
        <translation>自定义 Function（勒让德多项式 P3）</translation>
    </message>
    <message>
        <source>your own problem</source>
        <translation>你自己的问题</translation>
    </message>
</context>
<context>
    <name>TrainingProblem</name>
    <message>
        <source>The data range needs a start below its end.</source>
        <translation>数据范围的起点必须小于终点。</translation>
    </message>
    <message>
        <source>The noise must be 0 or more.</source>
        <translation>噪声必须大于或等于 0。</translation>
    </message>
    <message>
        <source>Momentum and alpha must be in [0, 1).</source>
        <translation>动量和 alpha 必须在 [0, 1) 之内。</translation>
    </message>
    <message>
        <source>Adam&apos;s betas must be in [0, 1).</source>
        <translation>Adam 的 beta 必须在 [0, 1) 之内。</translation>
    </message>
    <message>
        <source>The target {text} is not finite everywhere in the data range.</source>
        <translation>目标 {text} 在数据范围内并非处处有限。</translation>
    </message>
    <message>
        <source>MLP {layers} {act}: {count} weights</source>
        <translation>MLP {layers} {act}：{count} 个权重</translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message>
        <source>The run has finished; start a new one.</source>
        <translation>本次训练已结束；请开始新的训练。</translation>
    </message>
    <message>
        <source>The loss stopped being finite at step {step}: lower the learning rate.</source>
        <translation>损失在第 {step} 步不再是有限值：请降低学习率。</translation>
    </message>
</context>
<context>
    <name>TrainingSession</name>
    <message>
        <source>The training process stopped unexpectedly (exit code {code}). Start begins a new one.</source>
        <translation>训练进程意外停止（退出码 {code}）。点击“开始”会启动新的进程。</translation>
    </message>
</context>
<context>
    <name>TrainingStepGraph</name>
    <message>
        <source>This preset&apos;s model, a custom autograd.Function, has no graph on the canvas.</source>
        <translation>此预设的模型是一个自定义 autograd.Function，在画布上没有对应的图。</translation>
    </message>
    <message>
        <source>loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2) over {points} points in [-pi, pi], with a, b, c, d as training step {step} left them.</source>
        <translation>loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2)，在 [-pi, pi] 中的 {points} 个点上求和，a、b、c、d 取第 {step} 个训练步结束时的值。</translation>
    </message>
    <message>
        <source>loss = mse_loss(model(xx), y) of the model {model} over {points} points, with its weights as training step {step} left them.</source>
        <translation>模型 {model} 在 {points} 个点上的 loss = mse_loss(model(xx), y)，权重为第 {step} 步训练后的值。</translation>
    </message>
    <message>
        <source>Loss after training step {step}</source>
        <translation>第 {step} 步训练后的损失</translation>
    </message>
    <message>
        <source>The example {example} has no node named {name}.</source>
        <translation>示例 {example} 中没有名为 {name} 的节点。</translation>
    </message>
</context>
<context>
    <name>TrainingTarget</name>
    <message>
        <source>The target {text} cannot be computed: {reason}</source>
        <translation>无法计算目标 {text}：{reason}</translation>
    </message>
    <message>
        <source>The target is longer than {count} characters.</source>
        <translation>目标表达式超过了 {count} 个字符。</translation>
    </message>
    <message>
        <source>Type a target in x, such as sin(x).</source>
        <translation>请输入 x 的目标函数，例如 sin(x)。</translation>
    </message>
    <message>
        <source>The target {text} is not a valid expression.</source>
        <translation>目标 {text} 不是有效的表达式。</translation>
    </message>
    <message>
        <source>{what} is not allowed in a target; use x, numbers, pi, e, + - * / ** and {names}.</source>
        <translation>目标中不允许使用 {what}；请使用 x、数字、pi、e、+ - * / ** 以及 {names}。</translation>
    </message>
</context>
<context>
    <name>TrainingWorkbench</name>
    <message>
        <source>Training workbench</source>
        <translation>训练工作台</translation>
    </message>
    <message>
        <source>The fitted curve, as the program&apos;s Result line prints it</source>
        <translation>拟合得到的曲线，与程序的 Result 行打印的一致</translation>
    </message>
    <message>
        <source>Export plots...</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Save the plots as PNG or SVG, or the numbers behind them as CSV</source>
        <translation>把图表保存为 PNG 或 SVG，或把其背后的数据保存为 CSV</translation>
    </message>
    <message>
        <source>Save code as script...</source>
        <translation>将代码保存为脚本…</translation>
    </message>
    <message>
        <source>Save the program of these settings as .py</source>
        <translation>把这些设置下的程序保存为 .py 文件</translation>
    </message>
    <message>
        <source>Which version of the tutorial&apos;s program to train</source>
        <translation>要训练教程程序的哪个版本</translation>
    </message>
    <message>
        <source>The PyTorch program this preset runs, with these settings</source>
        <translation>此预设在这些设置下运行的 PyTorch 程序</translation>
    </message>
    <message>
        <source>Learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>Steps per second; it can be changed while training runs</source>
        <translation>每秒步数；训练进行中也可以修改</translation>
    </message>
    <message>
        <source>Seed for the initial weights</source>
        <translation>初始权重的随机种子</translation>
    </message>
    <message>
        <source>cuda is not available: {reason}</source>
        <translation>cuda 不可用：{reason}</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train from the start with these settings</source>
        <translation>用这些设置从头开始训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Run one iteration, then wait</source>
        <translation>运行一次迭代，然后等待</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Stop and clear the plots</source>
        <translation>停止并清空图表</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Show the loss over a and b (the other weights held; for an MLP, two random directions) with the optimizer&apos;s path on it; from the next Start</source>
        <translation>显示损失随 a 和 b 的变化（其他权重保持不变；MLP 则沿两个随机方向），并在上面画出优化器的路径；从下一次开始训练起生效</translation>
    </message>
    <message>
        <source>The two weights on the landscape&apos;s axes</source>
        <translation>损失地形两条坐标轴上的两个权重</translation>
    </message>
    <message>
        <source>Learning rates to train side by side, with all other settings as above</source>
        <translation>要并排训练的学习率，其他设置与上面相同</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Train once per learning rate and draw every loss in one plot</source>
        <translation>每个学习率训练一次，并把所有损失画在同一张图中</translation>
    </message>
    <message>
        <source>Learning rates</source>
        <translation>对比学习率</translation>
    </message>
    <message>
        <source>Open this step on the canvas</source>
        <translation>在画布上打开这一步</translation>
    </message>
    <message>
        <source>fixed start</source>
        <translation>固定起点</translation>
    </message>
    <message>
        <source>unseeded</source>
        <translation>不设种子</translation>
    </message>
    <message>
        <source>none: the program updates the weights by hand</source>
        <translation>无：程序手动更新权重</translation>
    </message>
    <message>
        <source>Build this step&apos;s loss graph on the canvas and animate where the gradients come from</source>
        <translation>在画布上构建这一步的损失计算图，并用动画展示梯度从何而来</translation>
    </message>
    <message>
        <source>This preset&apos;s model, a custom autograd.Function, has no graph on the canvas</source>
        <translation>此预设的模型是一个自定义 autograd.Function，在画布上没有对应的图</translation>
    </message>
    <message>
        <source>{count} rows skipped: {rows}</source>
        <translation>跳过了 {count} 行：{rows}</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{count}/s</source>
        <translation>{count}/秒</translation>
    </message>
    <message>
        <source>Comparing learning rates {rates}...</source>
        <translation>正在比较学习率 {rates}...</translation>
    </message>
    <message>
        <source>Lowest final loss {loss} with learning rate {rate}.</source>
        <translation>学习率 {rate} 的最终损失最低，为 {loss}。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;CSV numbers (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Save code as script</source>
        <translation>将代码保存为脚本</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>sin(x)</source>
        <translation>sin(x)</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Pause training</source>
        <translation>暂停训练</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Choose a preset and press Start, or Step to go one iteration at a time.</source>
        <translation>选择一个预设后按“开始”，或按“单步”每次运行一次迭代。</translation>
    </message>
    <message>
        <source>Training: step {step} of {total}, loss {loss}</source>
        <translation>训练中：第 {step} / {total} 步，损失 {loss}</translation>
    </message>
    <message>
        <source>Paused after step {step} of {total}, loss {loss}</source>
        <translation>已在第 {step} / {total} 步后暂停，损失 {loss}</translation>
    </message>
    <message>
        <source>Stopped after step {step} of {total}, loss {loss}</source>
        <translation>已在第 {step} / {total} 步后停止，损失 {loss}</translation>
    </message>
    <message>
        <source>Finished {total} steps in {seconds} s; last loss {loss}</source>
        <translation>已用 {seconds} 秒完成 {total} 步；最后的损失 {loss}</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Animation</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Replay the forward pass: nodes are computed in the engine&apos;s order</source>
        <translation>回放前向传播：按引擎的执行顺序计算各节点</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Run backward from the selected node (or the output) and animate it; press again to accumulate into .grad</source>
        <translation>从所选节点（或输出）运行反向传播并播放动画；再按一次会把梯度累加到 .grad 中</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start of the animation</source>
        <translation>回到动画的开头</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Undo the last step</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the animation</source>
        <translation>播放或暂停动画</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Show the next engine event</source>
        <translation>显示下一个引擎事件</translation>
    </message>
    <message>
        <source>Drag to scrub through the steps</source>
        <translation>拖动以浏览各个步骤</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Zero grad</source>
        <translation>梯度清零</translation>
    </message>
    <message>
        <source>grad.zero_() on every leaf (and retain_grad node) that has a .grad</source>
        <translation>对每个有 .grad 的叶子张量（以及 retain_grad 节点）执行 grad.zero_()</translation>
    </message>
    <message>
        <source>Clear grad</source>
        <translation>清除梯度</translation>
    </message>
    <message>
        <source>grad = None on every leaf (and retain_grad node)</source>
        <translation>将每个叶子张量（以及 retain_grad 节点）的 grad 设为 None</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>Compare the analytic gradients with finite differences (float64)</source>
        <translation>用有限差分（float64）对比解析梯度</translation>
    </message>
    <message>
        <source>More: the actions the bar has no room for</source>
        <translation>更多：工具栏放不下的操作</translation>
    </message>
    <message>
        <source>Backward from {name}</source>
        <translation>从 {name} 反向传播</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>instant</source>
        <translation>即时</translation>
    </message>
    <message>
        <source>{n:.1f} steps/s</source>
        <translation>{n:.1f} 步/秒</translation>
    </message>
</context>
<context>
    <name>ValuePreview</name>
    <message>
        <source>leaf</source>
        <translation>叶子</translation>
    </message>
    <message>
        <source>non-leaf</source>
        <translation>非叶子</translation>
    </message>
    <message>
        <source>no grad</source>
        <translation>无梯度</translation>
    </message>
    <message>
        <source>const</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>Leaf tensor that requires grad: backward accumulates into its .grad.</source>
        <translation>需要梯度的叶子张量：反向传播会把梯度累加到它的 .grad 中。</translation>
    </message>
    <message>
        <source>Non-leaf tensor: made by an op, it has a grad_fn; its .grad is only kept with retain_grad.</source>
        <translation>非叶子张量：由运算产生，有 grad_fn；只有打开 retain_grad 才会保留它的 .grad。</translation>
    </message>
    <message>
        <source>Tensor that does not require grad: no gradient flows into it.</source>
        <translation>不需要梯度的张量：没有梯度流入它。</translation>
    </message>
    <message>
        <source>Constant: a Python number or literal; it never has a gradient.</source>
        <translation>常量：一个 Python 数字或字面量；它永远没有梯度。</translation>
    </message>
    <message>
        <source>shape ({dims}) · {dtype}</source>
        <translation>形状 ({dims}) · {dtype}</translation>
    </message>
</context>
<context>
    <name>ValueText</name>
    <message>
        <source>The value text is too long.</source>
        <translation>值的文本太长。</translation>
    </message>
    <message>
        <source>Unexpected character {char!r} at position {pos}.</source>
        <translation>位置 {pos} 处有意外的字符 {char!r}。</translation>
    </message>
    <message>
        <source>The number at position {pos} is too long.</source>
        <translation>位置 {pos} 处的数字太长。</translation>
    </message>
    <message>
        <source>The integer {text} at position {pos} does not fit in int64.</source>
        <translation>位置 {pos} 处的整数 {text} 超出了 int64 的范围。</translation>
    </message>
    <message>
        <source>{text!r} at position {pos} is not a number.</source>
        <translation>位置 {pos} 处的 {text!r} 不是一个数。</translation>
    </message>
    <message>
        <source>The number {text} at position {pos} is too large (write inf for infinity).</source>
        <translation>位置 {pos} 处的数 {text} 太大（无穷大请写 inf）。</translation>
    </message>
    <message>
        <source>A sign cannot be applied to {name} (position {pos}).</source>
        <translation>符号不能作用于 {name}（位置 {pos}）。</translation>
    </message>
    <message>
        <source>Unknown name {name!r} at position {pos}; only numbers, True, False, pi, e, inf and nan are allowed.</source>
        <translation>位置 {pos} 处有未知的名字 {name!r}；只允许数字、True、False、pi、e、inf 和 nan。</translation>
    </message>
    <message>
        <source>The value ends too early.</source>
        <translation>值提前结束了。</translation>
    </message>
    <message>
        <source>Unexpected {text!r} at position {pos}.</source>
        <translation>位置 {pos} 处有意外的 {text!r}。</translation>
    </message>
    <message>
        <source>Enter a value, e.g. 2.0 or [[1, 2], [3, 4]].</source>
        <translation>请输入一个值，例如 2.0 或 [[1, 2], [3, 4]]。</translation>
    </message>
    <message>
        <source>The value is nested too deeply (more than {n} levels).</source>
        <translation>值的嵌套太深（超过 {n} 层）。</translation>
    </message>
    <message>
        <source>The value has more than {n} elements.</source>
        <translation>值的元素超过 {n} 个。</translation>
    </message>
    <message>
        <source>A bracket is not closed.</source>
        <translation>有一个括号没有闭合。</translation>
    </message>
    <message>
        <source>Expected a comma or a closing bracket at position {pos}, found {text!r}.</source>
        <translation>位置 {pos} 处应为逗号或右括号，却发现了 {text!r}。</translation>
    </message>
    <message>
        <source>The lists are ragged: every row must have the same length (near position {pos}).</source>
        <translation>列表长短不一：每一行的长度必须相同（在位置 {pos} 附近）。</translation>
    </message>
    <message>
        <source>A dim must be an integer or integers separated by commas, e.g. 0 or 0, 1.</source>
        <translation>dim 必须是一个整数，或用逗号分隔的多个整数，例如 0 或 0, 1。</translation>
    </message>
    <message>
        <source>A shape must be integers separated by commas, e.g. 2, 3.</source>
        <translation>形状必须是用逗号分隔的整数，例如 2, 3。</translation>
    </message>
    <message>
        <source>Shape sizes must not be negative (found {n}).</source>
        <translation>形状中的尺寸不能为负数（发现 {n}）。</translation>
    </message>
    <message>
        <source>Only one size in a shape may be -1.</source>
        <translation>形状中最多只能有一个尺寸为 -1。</translation>
    </message>
    <message>
        <source>The shape has more than {n} elements.</source>
        <translation>形状的元素超过 {n} 个。</translation>
    </message>
    <message>
        <source>Enter an index, e.g. 0 or 0:2 or 1, :.</source>
        <translation>请输入一个索引，例如 0、0:2 或 1,：。</translation>
    </message>
    <message>
        <source>The index text is too long.</source>
        <translation>索引文本太长。</translation>
    </message>
    <message>
        <source>{part!r} is not a valid slice.</source>
        <translation>{part!r} 不是有效的切片。</translation>
    </message>
    <message>
        <source>{part!r} is not an index; use integers, slices like 0:2, &apos;:&apos; or &apos;...&apos;.</source>
        <translation>{part!r} 不是索引；请使用整数、0:2 这样的切片、&apos;:&apos; 或 &apos;...&apos;。</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>三键模式</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>单键模式</translation>
    </message>
</context>
</TS>
