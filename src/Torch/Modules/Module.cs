namespace InstructGpt.Torch.Modules;

/// <summary>
/// A layer with named parameters, buffers and submodules, as torch.nn.Module. Names join with '.'
/// in registration order, so <see cref="state_dict"/> gives keys such as <c>h.0.attn.c_attn.weight</c>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string name, Parameter? value)> parameterSlots = [];
    private readonly List<(string name, Tensor? value)> bufferSlots = [];
    private readonly List<(string name, Module value)> children = [];

    /// <summary>True in training mode (dropout active), false after <see cref="eval"/>.</summary>
    public bool training { get; private set; } = true;

    protected Parameter register_parameter(string name, Parameter parameter)
    {
        CheckName(name);
        parameterSlots.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers an optional parameter slot (e.g. a bias that is turned off).</summary>
    protected void register_parameter(string name, Parameter? parameter, bool optional)
    {
        CheckName(name);
        if (!optional && parameter is null) throw new ArgumentNullException(nameof(parameter));
        parameterSlots.Add((name, parameter));
    }

    /// <summary>A tensor that is part of the state but not trained (e.g. a causal mask). The module owns it.</summary>
    protected Tensor register_buffer(string name, Tensor buffer)
    {
        CheckName(name);
        buffer.DetachFromDisposeScope();
        bufferSlots.Add((name, buffer));
        return buffer;
    }

    protected T register_module<T>(string name, T module) where T : Module
    {
        CheckName(name);
        children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"'{name}' is not a valid member name: it must be non-empty and contain no '.'");
        if (parameterSlots.Any(p => p.name == name) || bufferSlots.Any(b => b.name == name) || children.Any(m => m.name == name))
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name}");
    }

    public IEnumerable<(string name, Module module)> named_children() => children;

    public IEnumerable<(string name, Module module)> named_modules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, module) in children)
            foreach (var item in module.named_modules(Join(prefix, name)))
                yield return item;
    }

    public IEnumerable<(string name, Parameter parameter)> named_parameters(string prefix = "")
    {
        foreach (var (name, value) in parameterSlots)
            if (value is not null) yield return (Join(prefix, name), value);
        foreach (var (name, module) in children)
            foreach (var item in module.named_parameters(Join(prefix, name)))
                yield return item;
    }

    /// <summary>All parameters, depth first in registration order (torch's module.parameters()).</summary>
    public IReadOnlyList<Parameter> parameters() => named_parameters().Select(p => p.parameter).Distinct().ToList();

    public IEnumerable<(string name, Tensor buffer)> named_buffers(string prefix = "")
    {
        foreach (var (name, value) in bufferSlots)
            if (value is not null) yield return (Join(prefix, name), value);
        foreach (var (name, module) in children)
            foreach (var item in module.named_buffers(Join(prefix, name)))
                yield return item;
    }

    /// <summary>Every parameter and buffer by hierarchical name. The tensors are the module's own: do not dispose them.</summary>
    public IReadOnlyDictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, p) in named_parameters()) result[name] = p;
        foreach (var (name, b) in named_buffers()) result[name] = b;
        return result;
    }

    /// <summary>
    /// Copies values into the parameters and buffers (converting dtype and device). With
    /// <paramref name="strict"/>, missing, unexpected and mis-shaped entries are all reported together.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = state_dict();
        var problems = new List<string>();
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source))
            {
                if (strict) problems.Add($"missing: {name}");
                continue;
            }
            if (!source.shape.SequenceEqual(target.shape))
                problems.Add($"shape mismatch for {name}: expected [{string.Join(", ", target.shape)}], got [{string.Join(", ", source.shape)}]");
        }
        if (strict)
            foreach (var name in state.Keys.Where(k => !own.ContainsKey(k)))
                problems.Add($"unexpected: {name}");
        if (problems.Count > 0)
            throw new ArgumentException($"cannot load state into {GetType().Name}:\n  " + string.Join("\n  ", problems));

        using var noGrad = torch.no_grad();
        foreach (var (name, target) in own)
            if (state.TryGetValue(name, out var source))
                target.copy_(source);
    }

    public Module train(bool mode = true)
    {
        training = mode;
        foreach (var (_, module) in children) module.train(mode);
        return this;
    }

    public Module eval() => train(false);

    /// <summary>Moves every parameter and buffer in place (the objects stay the same, so optimizers keep working).</summary>
    public Module to(Device device, DType? dtype = null)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, p) in named_parameters()) Move(p, device, p.dtype.IsFloatingPoint() ? dtype ?? p.dtype : p.dtype);
        foreach (var (_, b) in named_buffers()) Move(b, device, b.dtype.IsFloatingPoint() ? dtype ?? b.dtype : b.dtype);
        return this;
    }

    public Module to(DType dtype) => to(parameters().FirstOrDefault()?.device ?? Device.CPU, dtype);

    private static void Move(Tensor tensor, Device device, DType dtype)
    {
        if (tensor.device == device && tensor.dtype == dtype) return;
        using var moved = tensor.to(device, dtype);
        tensor.set_data(moved);
    }

    /// <summary>Number of parameter elements (shared parameters counted once).</summary>
    public long parameter_count() => named_parameters().Select(p => p.parameter).Distinct().Sum(p => p.numel());

    /// <summary>Sets every parameter's gradient to none.</summary>
    public void zero_grad()
    {
        foreach (var p in parameters()) p.grad = null;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    /// <summary>Frees every parameter and buffer of this module and its submodules.</summary>
    public virtual void Dispose()
    {
        foreach (var (_, module) in children) module.Dispose();
        foreach (var (_, p) in parameterSlots) p?.Dispose();
        foreach (var (_, b) in bufferSlots) b?.Dispose();
        GC.SuppressFinalize(this);
    }
}
