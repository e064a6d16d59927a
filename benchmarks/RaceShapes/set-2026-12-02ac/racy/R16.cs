namespace Blind29.ModelRailway.Signalling;

public sealed record SignalCommand(string SignalId, string Aspect, DateTimeOffset IssuedAt);

public interface IDccBus
{
    void Send(IReadOnlyList<SignalCommand> batch);
}

/// <summary>
/// Batches signal aspect changes for the club layout's DCC bus. The panel
/// controllers at each operating position call <see cref="Enqueue"/>; a timer flushes
/// the batch to the bus every 50 ms.
/// </summary>
public sealed class SignalCommandBatcher : IDisposable
{
    private readonly IDccBus _bus;
    private readonly Timer _flushTimer;
    private List<SignalCommand> _pending = new();

    public SignalCommandBatcher(IDccBus bus)
    {
        _bus = bus;
        _flushTimer = new Timer(_ => Flush(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
    }

    public void Enqueue(string signalId, string aspect)
    {
        var command = new SignalCommand(signalId, aspect, DateTimeOffset.UtcNow);
        lock (_pending)
        {
            _pending.RemoveAll(c => c.SignalId == signalId);
            _pending.Add(command);
        }
    }

    public void Flush()
    {
        List<SignalCommand> batch;
        lock (_pending)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<SignalCommand>();
        }

        _bus.Send(batch);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}

public sealed class OperatingPanel
{
    private readonly SignalCommandBatcher _batcher;
    private readonly string _position;

    public OperatingPanel(SignalCommandBatcher batcher, string position)
    {
        _batcher = batcher;
        _position = position;
    }

    public void PullLever(int lever, bool off) =>
        _batcher.Enqueue($"{_position}-{lever}", off ? "Clear" : "Danger");
}
