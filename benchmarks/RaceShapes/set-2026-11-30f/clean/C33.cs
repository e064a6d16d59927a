using System.Collections.Concurrent;

namespace Notifications.Delivery;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>
/// Background sender for outgoing e-mail. Callers enqueue messages from any
/// thread; a dedicated thread delivers them until the service is stopped.
/// </summary>
public sealed class EmailDispatchService
{
    private readonly ConcurrentQueue<EmailMessage> _outbox = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Func<EmailMessage, bool> _deliver;
    private readonly Thread _thread;
    private volatile bool _stopRequested;
    private long _delivered;
    private long _failed;

    public EmailDispatchService(Func<EmailMessage, bool> deliver)
    {
        _deliver = deliver;
        _thread = new Thread(Run) { IsBackground = true, Name = "email-dispatch" };
    }

    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);

    public void Start() => _thread.Start();

    public void Enqueue(EmailMessage message)
    {
        _outbox.Enqueue(message);
        _available.Release();
    }

    public void Stop(TimeSpan timeout)
    {
        _stopRequested = true;
        _available.Release();
        _thread.Join(timeout);
    }

    private void Run()
    {
        while (!_stopRequested)
        {
            _available.Wait(TimeSpan.FromSeconds(5));
            while (!_stopRequested && _outbox.TryDequeue(out var message))
            {
                try
                {
                    if (_deliver(message))
                    {
                        Interlocked.Increment(ref _delivered);
                    }
                    else
                    {
                        Interlocked.Increment(ref _failed);
                        _outbox.Enqueue(message);
                        break;
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref _failed);
                    Console.Error.WriteLine($"Delivery to {message.To} failed: {ex.Message}");
                }
            }
        }
    }
}
