using System.Text;

namespace AuditTrail.Writers;

public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Resource);

public sealed record RollingStats(string CurrentFile, long BytesInCurrentFile, int FilesRolled);

/// <summary>
/// Appends audit entries to size-limited files, rolling to a new file when
/// the current one is full. Controllers call <see cref="AppendAsync"/>
/// concurrently; the writer is registered as a singleton.
/// </summary>
public sealed class RollingAuditWriter : IAsyncDisposable
{
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private FileStream? _stream;
    private string _currentPath = string.Empty;
    private long _bytesInCurrent;
    private int _filesRolled;

    public RollingAuditWriter(string directory, long maxBytes = 10 * 1024 * 1024)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        Directory.CreateDirectory(directory);
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes($"{entry.At:O}\t{entry.User}\t{entry.Action}\t{entry.Resource}\n");

        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_stream is null || _bytesInCurrent + bytes.Length > _maxBytes)
            {
                await RollAsync().ConfigureAwait(false);
            }

            await _stream!.WriteAsync(bytes, ct).ConfigureAwait(false);
            await _stream.FlushAsync(ct).ConfigureAwait(false);
            _bytesInCurrent += bytes.Length;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<RollingStats> GetStatsAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            return new RollingStats(_currentPath, _bytesInCurrent, _filesRolled);
        }
        finally
        {
            _mutex.Release();
        }
    }

    private async Task RollAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _filesRolled++;
        }

        _currentPath = Path.Combine(_directory, $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmssfff}.log");
        _stream = new FileStream(_currentPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        _bytesInCurrent = _stream.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stream is not null)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
                _stream = null;
            }
        }
        finally
        {
            _mutex.Release();
        }
    }
}
