using System.Text;

namespace Blind38.Lighthouse.LogShipping;

/// <summary>
/// Collects keeper log lines from the lamp, fog-horn and weather-station subsystems
/// and ships them to the coastal office in batches. One instance is shared by all
/// subsystem monitors, which append from their own threads.
/// </summary>
public sealed class KeeperLogShipper : IDisposable
{
    private readonly object _gate = new();
    private readonly List<string> _pending = new();
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _upload;
    private readonly Timer _flushTimer;
    private readonly int _maxBatchBytes;
    private long _pendingBytes;
    private int _failedUploads;

    public KeeperLogShipper(Func<IReadOnlyList<string>, CancellationToken, Task> upload, int maxBatchBytes = 64 * 1024)
    {
        _upload = upload;
        _maxBatchBytes = maxBatchBytes;
        _flushTimer = new Timer(_ => _ = FlushAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public int FailedUploads => Volatile.Read(ref _failedUploads);

    public long PendingBytes
    {
        get { lock (_gate) return _pendingBytes; }
    }

    public void Append(string subsystem, string message)
    {
        var line = $"{DateTime.UtcNow:O} [{subsystem}] {message}";
        bool flushNow;
        lock (_gate)
        {
            _pending.Add(line);
            _pendingBytes += Encoding.UTF8.GetByteCount(line);
            flushNow = _pendingBytes >= _maxBatchBytes;
        }

        if (flushNow)
        {
            _ = FlushAsync();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        string[] batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending.ToArray();
            _pending.Clear();
        }

        _pendingBytes = 0;

        try
        {
            await _upload(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedUploads);
            lock (_gate)
            {
                // Put the batch back in front so ordering is preserved on the next attempt.
                _pending.InsertRange(0, batch);
                foreach (var line in batch)
                {
                    _pendingBytes += Encoding.UTF8.GetByteCount(line);
                }
            }
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
    }
}
