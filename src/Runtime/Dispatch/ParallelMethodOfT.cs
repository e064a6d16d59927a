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
    public override ValueTask InvokeAsync(ReadOnlyMemory<byte> arguments, IBufferWriter<byte> result, WorkerCallContext context)
    {
        try
        {
            return InvokeItemAsync(arguments, packedArguments: false, result, packedResult: false, context);
        }
        catch (Exception e)
        {
            // As an async method would: a decoding error or a synchronous throw arrives through the returned task.
            return ValueTask.FromException(e);
        }
    }

    internal override int ArgumentBlockSize => Arguments.BlockSize;

    internal override int ResultBlockSize => Result.BlockSize;

    internal override ValueTask InvokeItemAsync(ReadOnlyMemory<byte> arguments, bool packedArguments, IBufferWriter<byte> result, bool packedResult, WorkerCallContext context)
    {
        if ((packedArguments && ArgumentBlockSize == 0) || (packedResult && ResultBlockSize == 0))
        {
            throw NotBlittable(packedResult && ResultBlockSize == 0 ? "result" : "arguments");
        }

        TArgs args = packedArguments ? ValueBlock.Read<TArgs>(arguments.Span) : DecodeArguments(arguments.Span);

        // A method that finished synchronously (most of a map of small calls) costs no state machine.
        ValueTask<TResult> pending = _invoke(args, context);
        if (pending.IsCompletedSuccessfully)
        {
            WriteResult(pending.Result, result, packedResult);
            return default;
        }

        return AwaitResultAsync(pending, result, packedResult);
    }

    private async ValueTask AwaitResultAsync(ValueTask<TResult> pending, IBufferWriter<byte> result, bool packedResult)
        => WriteResult(await pending.ConfigureAwait(false), result, packedResult);

    private void WriteResult(TResult value, IBufferWriter<byte> result, bool packedResult)
    {
        if (packedResult)
        {
            ValueBlock.Write(result, value);
            return;
        }

        var writer = new PayloadWriter(result);
        Result.Write(ref writer, value);
    }

    // The parent packs only what its own codecs call blittable; the same build here must agree.
    private InvalidDataException NotBlittable(string what)
        => new($"The {what} of {Name} came packed as a block, but its codec here does not copy it as bytes.");

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
