using System.Text;

namespace Blind26.SeedVault.Journal;

/// <summary>
/// Write-ahead journal for drawer movements inside the seed vault. Every request handler
/// of the vault service appends to the one journal instance registered at startup; the
/// <see cref="JournalCheckpointer"/> flushes pending records to durable storage.
/// </summary>
public sealed class DrawerJournal
{
    private readonly object _appendLock = new();
    private readonly MemoryStream _pending = new();
    private readonly Stream _target;
    private long _nextLsn = 1;
    private long _checkpointedLsn;

    public DrawerJournal(Stream target)
    {
        _target = target;
    }

    public long Append(string drawerId, string accession, int grams)
    {
        byte[] payload = Encoding.UTF8.GetBytes($"{drawerId}|{accession}|{grams}\n");
        lock (_appendLock)
        {
            long lsn = _nextLsn++;
            _pending.Write(BitConverter.GetBytes(lsn));
            _pending.Write(BitConverter.GetBytes(payload.Length));
            _pending.Write(payload);
            return lsn;
        }
    }

    public long LastIssuedLsn
    {
        get
        {
            lock (_appendLock)
            {
                return _nextLsn - 1;
            }
        }
    }

    public long CheckpointedLsn => Interlocked.Read(ref _checkpointedLsn);

    /// <summary>Writes everything appended so far to the target stream.</summary>
    internal void Checkpoint()
    {
        long upTo;
        lock (_appendLock)
        {
            upTo = _nextLsn - 1;
        }

        if (upTo == Interlocked.Read(ref _checkpointedLsn))
        {
            return;
        }

        byte[] bytes = _pending.ToArray();
        _pending.SetLength(0);

        _target.Write(bytes, 0, bytes.Length);
        _target.Flush();
        Interlocked.Exchange(ref _checkpointedLsn, upTo);
    }
}

/// <summary>Periodically checkpoints the drawer journal.</summary>
public sealed class JournalCheckpointer : IAsyncDisposable
{
    private readonly DrawerJournal _journal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public JournalCheckpointer(DrawerJournal journal, TimeSpan interval)
    {
        _journal = journal;
        _loop = RunAsync(interval);
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _journal.Checkpoint();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _journal.Checkpoint();
        _stop.Dispose();
    }
}
