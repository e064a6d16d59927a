using Forklift.Buffers;
using Forklift.Protocol;

namespace Forklift.Dispatch;

/// <summary>The <see cref="WorkerCallContext"/> of a call run in-process (<see cref="WorkerPoolIsolation.InProcess"/>).</summary>
/// <remarks>Progress reports go through the codec and the <see cref="ProgressSink"/> like remote ones, so code
/// tested in-process exercises its codecs too.</remarks>
internal sealed class LocalCallContext(CancellationToken cancellationToken, ProgressSink? sink) : WorkerCallContext
{
    public override CancellationToken CancellationToken => cancellationToken;

    public override IProgress<T> CreateProgress<T>(ParallelCodec<T> codec) => new LocalProgress<T>(codec, sink);

    private sealed class LocalProgress<T>(ParallelCodec<T> codec, ProgressSink? sink) : IProgress<T>
    {
        public void Report(T value)
        {
            if (sink is null)
            {
                return;
            }

            using var buffer = new PooledBufferWriter();
            var writer = new PayloadWriter(buffer);
            codec.Write(ref writer, value);
            lock (this)
            {
                sink.Report(buffer.WrittenSpan);
            }
        }
    }
}
