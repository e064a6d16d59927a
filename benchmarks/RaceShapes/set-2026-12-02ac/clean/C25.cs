namespace Blind29.ModelRailway.Turnouts;

public sealed record TurnoutCommand(int Address, bool Thrown, string From);

public interface IAccessoryDecoderBus
{
    void Send(IReadOnlyList<TurnoutCommand> batch);
}

/// <summary>
/// Collects turnout (points) commands from the club's throttles and mimic panels and
/// sends them to the accessory decoders in batches. Throttles call <see cref="Request"/>
/// from their network threads; a timer flushes every 100 ms.
/// </summary>
public sealed class TurnoutBatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly IAccessoryDecoderBus _bus;
    private readonly Timer _timer;
    private List<TurnoutCommand> _pending = new();
    private long _sent;

    public TurnoutBatcher(IAccessoryDecoderBus bus)
    {
        _bus = bus;
        _timer = new Timer(_ => Flush(), null, 100, 100);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public void Request(int address, bool thrown, string from)
    {
        lock (_gate)
        {
            _pending.RemoveAll(c => c.Address == address);
            _pending.Add(new TurnoutCommand(address, thrown, from));
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Flush()
    {
        List<TurnoutCommand> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<TurnoutCommand>();
        }

        _bus.Send(batch);
        Interlocked.Add(ref _sent, batch.Count);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
