using System.Buffers;

namespace Forklift.Dispatch;

/// <summary>
/// One <c>[Parallel]</c> method as both processes see it: a stable id, how to encode its arguments and result, and
/// the delegate a worker runs. Generated code creates one per method and registers it with
/// <see cref="ParallelMethodRegistry"/> in the caller and in every worker.
/// </summary>
/// <remarks>Instances are immutable and shared by every thread.</remarks>
public abstract class ParallelMethod
{
    private protected ParallelMethod(string id, string name, Type declaringType, ParallelMethodOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Id = id;
        Name = name;
        DeclaringType = declaringType ?? throw new ArgumentNullException(nameof(declaringType));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// The id both processes look the method up by, e.g. <c>MyApp.Primes.Count(int, int)</c>. It must be the same in
    /// every build of the same source, so it is derived from the signature, never from a counter or a hash seed.
    /// </summary>
    public string Id { get; }

    /// <summary>A short name for messages, logs and metrics, e.g. <c>Primes.Count</c>.</summary>
    public string Name { get; }

    /// <summary>The type that declares the method; a worker loads its assembly to find the registration.</summary>
    public Type DeclaringType { get; }

    /// <summary>Per-method settings from the <c>[Parallel]</c> attribute.</summary>
    public ParallelMethodOptions Options { get; }

    /// <summary>
    /// Worker side: decodes the arguments from <paramref name="arguments"/>, runs the method, and encodes its result
    /// into <paramref name="result"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="arguments"/> is only valid until the first <see langword="await"/>: implementations decode
    /// it synchronously before running user code. Exceptions thrown by user code propagate to the caller of this
    /// method, which reports them as a <see cref="RemoteException"/> to the calling process.
    /// </remarks>
    public abstract ValueTask InvokeAsync(ReadOnlyMemory<byte> arguments, IBufferWriter<byte> result, WorkerCallContext context);

    /// <summary>The size of one argument value in a packed batch (<see cref="Protocol.RequestFlags.PackedArguments"/>),
    /// or 0 if the arguments are not blittable.</summary>
    internal abstract int ArgumentBlockSize { get; }

    /// <summary>The size of one result in a packed batch (<see cref="Protocol.RequestFlags.PackedResults"/>), or 0.</summary>
    internal abstract int ResultBlockSize { get; }

    /// <summary>
    /// Worker side, one input of a batch: like <see cref="InvokeAsync"/>, but <paramref name="arguments"/> may be the
    /// input's bytes in memory layout (<paramref name="packedArguments"/>) and the result is appended in memory layout
    /// (<paramref name="packedResult"/>, no length prefix) when the batch asked for a block of results.
    /// </summary>
    internal abstract ValueTask InvokeItemAsync(ReadOnlyMemory<byte> arguments, bool packedArguments, IBufferWriter<byte> result, bool packedResult, WorkerCallContext context);
}
