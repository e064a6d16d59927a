using System.Text;
using System.Threading.Channels;

namespace Compliance.Audit;

public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Resource);

public sealed record AuditSinkSummary(long Written, long Bytes, int FilesRolled);

/// <summary>
/// Audit trail sink. Request handlers enqueue entries from any thread; a background task writes
/// them to size-limited, rolling log files.
/// </summary>
public sealed class AuditFileSink
{
    private readonly Channel<AuditEntry> _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly string _directory;
    private readonly long _maxFileBytes;
    private readonly Task<AuditSinkSummary> _reader;

    public AuditFileSink(string directory, long maxFileBytes = 50 * 1024 * 1024)
    {
        _directory = directory;
        _maxFileBytes = maxFileBytes;
        Directory.CreateDirectory(directory);
        _reader = Task.Run(ReadLoopAsync);
    }

    public ValueTask WriteAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(entry, cancellationToken);

    public Task<AuditSinkSummary> CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return _reader;
    }

    private async Task<AuditSinkSummary> ReadLoopAsync()
    {
        long written = 0;
        long bytesInFile = 0;
        long totalBytes = 0;
        int rolled = 0;
        StreamWriter? writer = null;

        try
        {
            await foreach (var entry in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (writer is null || bytesInFile >= _maxFileBytes)
                {
                    if (writer is not null)
                    {
                        await writer.DisposeAsync().ConfigureAwait(false);
                        rolled++;
                    }

                    var path = Path.Combine(_directory, $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmssfff}.log");
                    writer = new StreamWriter(path, append: true, new UTF8Encoding(false));
                    bytesInFile = 0;
                }

                var line = $"{entry.At:O}\t{entry.User}\t{entry.Action}\t{entry.Resource}";
                await writer.WriteLineAsync(line).ConfigureAwait(false);
                var size = Encoding.UTF8.GetByteCount(line) + 1;
                bytesInFile += size;
                totalBytes += size;
                written++;

                if (_channel.Reader.Count == 0)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        return new AuditSinkSummary(written, totalBytes, rolled);
    }
}
