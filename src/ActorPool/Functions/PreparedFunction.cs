using ActorPool.Serialization;

namespace ActorPool.Functions;

/// <summary>A task function checked once for travel; encodes calls of it with any arguments.</summary>
internal sealed class PreparedFunction
{
    private readonly MethodRef _method;
    private readonly object? _target;
    private readonly string _paramName;
    private readonly int _arguments;

    private PreparedFunction(MethodRef method, object? target, string paramName, int arguments)
    {
        _method = method;
        _target = target;
        _paramName = paramName;
        _arguments = arguments;
    }

    /// <summary>Checks that <paramref name="fn"/> can run in a child; throws <see cref="ArgumentException"/> if not.</summary>
    public static PreparedFunction Prepare(Delegate fn, string paramName)
    {
        ArgumentNullException.ThrowIfNull(fn, paramName);
        CaptureInspector.EnsureDelegateCanTravel(fn, paramName, paramName);
        // As the child counts them (TaskInvoker): a last CancellationToken parameter is the pool's to give.
        var parameters = fn.Method.GetParameters();
        var arguments = parameters.Length - (TaskInvoker.TakesToken(parameters) ? 1 : 0);
        return new PreparedFunction(MethodRef.Of(fn.Method), fn.Target, paramName, arguments);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="args"/> are as many as the function takes.</summary>
    /// <remarks>For arguments given untyped (an initializer's); a typed overload cannot get the count wrong.</remarks>
    public PreparedFunction WithArguments(object?[] args, string argsName) =>
        args.Length == _arguments ? this
        : throw new ArgumentException($"{_paramName} takes {_arguments} argument(s); {args.Length} were given.", argsName);

    /// <summary>Serializes a call with <paramref name="args"/>; throws <see cref="ArgumentException"/> when it cannot travel.</summary>
    /// <param name="args">The call's arguments.</param>
    /// <param name="codec">The codec of the system the call is for.</param>
    /// <param name="share">Whether large arguments may go to shared memory (<see cref="PayloadCodec.Serialize"/>): for a pool's tasks.</param>
    public byte[] Encode(object?[] args, PayloadCodec codec, bool share = false)
    {
        for (var i = 0; i < args.Length; i++)
            CaptureInspector.EnsureCanTravel(args[i], $"argument {i + 1}", "args");
        byte[] bytes;
        try
        {
            bytes = codec.Serialize(new TaskCall(_method, _target, args), share);
        }
        catch (Exception e)
        {
            throw new ArgumentException($"The task function or its arguments cannot be serialized: {e.Message}", _paramName, e);
        }
        if (PayloadCodec.SizeOf(bytes) is var size && size > codec.MaxPayloadSize)
        {
            codec.ReleaseSlots(bytes);
            throw new ArgumentException(
                $"The task call serializes to {size} bytes, over actorpool.max-payload-size ({codec.MaxPayloadSize} bytes).",
                _paramName);
        }
        try
        {
            VerifyTargetOnce(bytes, codec);
        }
        catch
        {
            codec.ReleaseSlots(bytes);
            throw;
        }
        return bytes;
    }

    // A closure whose state Hyperion writes but cannot read back fails here once per closure type, not in a child.
    private void VerifyTargetOnce(byte[] bytes, PayloadCodec codec)
    {
        if (_target is null || codec.VerifiedClosureTypes.ContainsKey(_target.GetType()))
            return;
        try
        {
            codec.Deserialize(bytes);
        }
        catch (Exception e)
        {
            throw new ArgumentException(
                $"The captured state of type {_target.GetType().FullName} cannot be read back after serialization: {e.Message}", _paramName, e);
        }
        codec.VerifiedClosureTypes.TryAdd(_target.GetType(), true);
    }
}
