using System.Buffers;
using Forklift.Protocol;

namespace Forklift.Dispatch;

/// <summary>A <see cref="ParallelMethod"/> with typed arguments (one value, or a value tuple of several) and result.</summary>
/// <typeparam name="TArgs">The argument type: the single parameter, a value tuple of all parameters, or <see cref="Unit"/>.</typeparam>
/// <typeparam name="TResult">The result type, or <see cref="Unit"/> for methods that return nothing.</typeparam>
public sealed class ParallelMethod<TArgs, TResult> : ParallelMethod
{
    private readonly Func<TArgs, WorkerCallContext, ValueTask<TResult>> _invoke;

    /// <summary>Describes a method; see the members of <see cref="ParallelMethod"/> for each argument.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="declaringType">The declaring type.</param>
    /// <param name="arguments">Encodes the arguments.</param>
    /// <param name="result">Encodes the result.</param>
    /// <param name="invoke">Runs the user method in the worker.</param>
    /// <param name="options">Per-method settings; <see langword="null"/> for the defaults.</param>
    public ParallelMethod(
        string id,
        string name,
        Type declaringType,
        ParallelCodec<TArgs> arguments,
        ParallelCodec<TResult> result,
        Func<TArgs, WorkerCallContext, ValueTask<TResult>> invoke,
        ParallelMethodOptions? options = null)
        : base(id, name, declaringType, options ?? ParallelMethodOptions.Default)
    {
        Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
        Result = result ?? throw new ArgumentNullException(nameof(result));
        _invoke = invoke ?? throw new ArgumentNullException(nameof(invoke));
    }

    /// <summary>Encodes the arguments.</summary>
    public ParallelCodec<TArgs> Arguments { get; }

    /// <summary>Encodes the result.</summary>
    public ParallelCodec<TResult> Result { get; }

    /// <summary>Runs the method in this process, as <see cref="WorkerPoolIsolation.InProcess"/> does.</summary>
    public ValueTask<TResult> InvokeLocalAsync(TArgs args, WorkerCallContext context) => _invoke(args, context);

    /// <inheritdoc/>
    public override async ValueTask InvokeAsync(ReadOnlyMemory<byte> arguments, IBufferWriter<byte> result, WorkerCallContext context)
    {
        TArgs args = DecodeArguments(arguments.Span);
        TResult value = await _invoke(args, context).ConfigureAwait(false);
        var writer = new PayloadWriter(result);
        Result.Write(ref writer, value);
    }

    private TArgs DecodeArguments(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        TArgs args = Arguments.Read(ref reader);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} unexpected bytes after the arguments of {Name}.");
        }

        return args;
    }
}
