using System.Text;

namespace EventStore.Journal;

/// <summary>
/// Append-only journal file. Appends arrive concurrently from request handlers and return the
/// offset at which the record was written.
/// </summary>
public sealed class JournalWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _position;
    private long _entries;

    public JournalWriter(string path)
    {
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
        _position = _stream.Seek(0, SeekOrigin.End);
    }

    public async Task<long> AppendAsync(string eventType, string json, CancellationToken cancellationToken)
    {
        var record = Encoding.UTF8.GetBytes($"{eventType}\t{json}\n");

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var offset = _position;
            await _stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _position += record.Length;
            _entries++;
            return offset;
        }
        catch
        {
            // Roll the file back so a half-written record does not corrupt the journal.
            _stream.SetLength(_position);
            _stream.Position = _position;
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<(long Position, long Entries)> GetStatsAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (_position, _entries);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
