using Forklift.Protocol;

namespace Forklift.Dispatch;

/// <summary>Caller side of progress reporting: receives the encoded reports a worker sends for one call.</summary>
/// <remarks>The pool calls <see cref="Report"/> from its reader thread, one report at a time, in the order sent.</remarks>
public abstract class ProgressSink
{
    /// <summary>Delivers one encoded report.</summary>
    public abstract void Report(ReadOnlySpan<byte> payload);

    /// <summary>A sink that decodes each report with <paramref name="codec"/> and passes it to <paramref name="progress"/>.</summary>
    public static ProgressSink Create<T>(IProgress<T> progress, ParallelCodec<T> codec) => new DecodingSink<T>(progress, codec);

    private sealed class DecodingSink<T>(IProgress<T> progress, ParallelCodec<T> codec) : ProgressSink
    {
        public override void Report(ReadOnlySpan<byte> payload)
        {
            var reader = new PayloadReader(payload);
            progress.Report(codec.Read(ref reader));
        }
    }
}
