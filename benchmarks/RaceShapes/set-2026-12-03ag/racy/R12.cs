namespace MountainRescue.Radio;

public sealed record RadioMessage(string Callsign, string Channel, string Text, DateTime ReceivedAt);

/// <summary>
/// Bounded relay queue between the VHF receivers and the base station's
/// uplink. Every receiver posts from its own reader thread; a single pump
/// thread forwards messages. When the uplink falls behind, excess traffic is
/// dropped and counted for the incident log.
/// </summary>
public sealed class RadioRelayQueue
{
    private readonly Queue<RadioMessage> _queue = new();
    private readonly int _capacity;
    private bool _closed;
    private int _dropped;

    public RadioRelayQueue(int capacity) => _capacity = capacity;

    public bool TryPost(RadioMessage message)
    {
        bool accepted;
        lock (_queue)
        {
            accepted = !_closed && _queue.Count < _capacity;
            if (accepted)
            {
                _queue.Enqueue(message);
                Monitor.Pulse(_queue);
            }
        }

        if (!accepted)
        {
            _dropped++;
        }

        return accepted;
    }

    /// <summary>Blocks until a message is available; returns null once closed and drained.</summary>
    public RadioMessage? Take()
    {
        lock (_queue)
        {
            while (_queue.Count == 0 && !_closed)
            {
                Monitor.Wait(_queue);
            }

            return _queue.Count > 0 ? _queue.Dequeue() : null;
        }
    }

    public void Close()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.PulseAll(_queue);
        }
    }

    public int Dropped
    {
        get { lock (_queue) { return _dropped; } }
    }
}

public sealed class UplinkPump
{
    private readonly RadioRelayQueue _queue;
    private readonly Action<RadioMessage> _send;
    private readonly Thread _thread;

    public UplinkPump(RadioRelayQueue queue, Action<RadioMessage> send)
    {
        _queue = queue;
        _send = send;
        _thread = new Thread(Run) { IsBackground = true, Name = "uplink-pump" };
    }

    public void Start() => _thread.Start();

    public void StopAndWait()
    {
        _queue.Close();
        _thread.Join();
    }

    private void Run()
    {
        RadioMessage? message;
        while ((message = _queue.Take()) != null)
        {
            _send(message);
        }
    }
}
