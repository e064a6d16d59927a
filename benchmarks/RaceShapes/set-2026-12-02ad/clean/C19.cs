namespace Blind30.TheatreLighting;

public sealed class FixtureFaultEventArgs : EventArgs
{
    public FixtureFaultEventArgs(int dmxAddress, string fault)
    {
        DmxAddress = dmxAddress;
        Fault = fault;
    }

    public int DmxAddress { get; }
    public string Fault { get; }
}

/// <summary>
/// Listens for RDM fault reports from the lighting rig on a background task. The
/// stage manager's screen, the crew pager and the maintenance log subscribe while the
/// show is running and unsubscribe when they close.
/// </summary>
public sealed class RigFaultMonitor
{
    private readonly object _handlersLock = new();
    private readonly Func<CancellationToken, Task<(int Address, string Fault)?>> _poll;
    private EventHandler<FixtureFaultEventArgs>? _faultReported;
    private int _faultCount;

    public RigFaultMonitor(Func<CancellationToken, Task<(int Address, string Fault)?>> poll)
    {
        _poll = poll;
    }

    public event EventHandler<FixtureFaultEventArgs>? FaultReported
    {
        add
        {
            lock (_handlersLock)
            {
                _faultReported += value;
            }
        }
        remove
        {
            lock (_handlersLock)
            {
                _faultReported -= value;
            }
        }
    }

    public int FaultCount => Volatile.Read(ref _faultCount);

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var report = await _poll(ct).ConfigureAwait(false);
            if (report is not { } fault)
            {
                continue;
            }

            Interlocked.Increment(ref _faultCount);

            EventHandler<FixtureFaultEventArgs>? handlers;
            lock (_handlersLock)
            {
                handlers = _faultReported;
            }

            handlers?.Invoke(this, new FixtureFaultEventArgs(fault.Address, fault.Fault));
        }
    }, ct);
}

/// <summary>Pages the duty electrician while the pager is switched on.</summary>
public sealed class CrewPager : IDisposable
{
    private readonly RigFaultMonitor _monitor;
    private readonly Action<string> _send;

    public CrewPager(RigFaultMonitor monitor, Action<string> send)
    {
        _monitor = monitor;
        _send = send;
        _monitor.FaultReported += OnFault;
    }

    private void OnFault(object? sender, FixtureFaultEventArgs e) =>
        _send($"Fixture at DMX {e.DmxAddress}: {e.Fault}");

    public void Dispose() => _monitor.FaultReported -= OnFault;
}
