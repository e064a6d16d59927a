namespace Blind24.SignalBoxes;

public readonly record struct LeverEvent(string SignalBox, int Lever, bool Reversed, DateTime AtUtc);

/// <summary>
/// Buffers lever movements from all signal boxes on the line for the train
/// register archive. Box interfaces append from their own serial-port threads; the
/// archiver takes the whole buffer every minute.
/// </summary>
public sealed class LeverEventBuffer
{
    private readonly object _sync = new();
    private List<LeverEvent> _current = new();
    private long _total;

    public void Append(LeverEvent e)
    {
        lock (_sync)
        {
            _current.Add(e);
            _total++;
        }
    }

    public List<LeverEvent> TakeAll()
    {
        lock (_sync)
        {
            var taken = _current;
            _current = new List<LeverEvent>(Math.Max(64, taken.Count));
            return taken;
        }
    }

    public long Total
    {
        get { lock (_sync) { return _total; } }
    }
}

/// <summary>Writes the buffered events to the register archive once a minute.</summary>
public sealed class RegisterArchiver : IDisposable
{
    private readonly LeverEventBuffer _buffer;
    private readonly Action<string> _writeLine;
    private readonly Timer _timer;
    private int _busy;

    public RegisterArchiver(LeverEventBuffer buffer, Action<string> writeLine)
    {
        _buffer = buffer;
        _writeLine = writeLine;
        _timer = new Timer(_ => Flush(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void Flush()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var events = _buffer.TakeAll();
            events.Sort((a, b) => a.AtUtc.CompareTo(b.AtUtc));
            foreach (var e in events)
            {
                _writeLine($"{e.AtUtc:HH:mm:ss} {e.SignalBox} lever {e.Lever} {(e.Reversed ? "R" : "N")}");
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
        Flush();
    }
}
