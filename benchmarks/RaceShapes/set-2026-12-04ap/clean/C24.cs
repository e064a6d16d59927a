namespace Blind42.Carillon.Practice;

public sealed record PracticeUpload(string Player, string ScorePath, int Attempts, DateTime NextAttemptUtc);

/// <summary>
/// Retries uploads of practice-console recordings to the guild archive. Uploads are queued
/// from the console UI; a System.Timers.Timer scans the queue every few seconds. Uploads that
/// exhaust their attempts are handed to the give-up callback while the queue is locked, so the
/// callback sees the queue in a consistent state; it must not call back into this type.
/// </summary>
public sealed class PracticeUploadRetryQueue : IDisposable
{
    private readonly object _lock = new();
    private readonly List<PracticeUpload> _pending = new();
    private readonly Func<PracticeUpload, Task<bool>> _upload;
    private readonly Action<PracticeUpload> _onGiveUp;
    private readonly System.Timers.Timer _timer;
    private int _scanning;

    public PracticeUploadRetryQueue(Func<PracticeUpload, Task<bool>> upload, Action<PracticeUpload> onGiveUp)
    {
        _upload = upload;
        _onGiveUp = onGiveUp;
        _timer = new System.Timers.Timer(3000) { AutoReset = true };
        _timer.Elapsed += async (_, _) => await ScanAsync();
        _timer.Start();
    }

    public void Enqueue(string player, string scorePath)
    {
        lock (_lock)
        {
            _pending.Add(new PracticeUpload(player, scorePath, 0, DateTime.UtcNow));
        }
    }

    public int PendingCount
    {
        get { lock (_lock) return _pending.Count; }
    }

    private async Task ScanAsync()
    {
        if (Interlocked.CompareExchange(ref _scanning, 1, 0) != 0)
        {
            return;
        }

        try
        {
            PracticeUpload[] due;
            lock (_lock)
            {
                var now = DateTime.UtcNow;
                due = _pending.Where(u => u.NextAttemptUtc <= now).ToArray();
            }

            foreach (var upload in due)
            {
                var ok = await _upload(upload).ConfigureAwait(false);
                lock (_lock)
                {
                    _pending.Remove(upload);
                    if (ok)
                    {
                        continue;
                    }

                    var attempts = upload.Attempts + 1;
                    if (attempts >= 6)
                    {
                        _onGiveUp(upload);
                    }
                    else
                    {
                        _pending.Add(upload with
                        {
                            Attempts = attempts,
                            NextAttemptUtc = DateTime.UtcNow.AddSeconds(10 * Math.Pow(2, attempts)),
                        });
                    }
                }
            }
        }
        catch (IOException)
        {
            // Try again on the next timer tick.
        }
        finally
        {
            Volatile.Write(ref _scanning, 0);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
