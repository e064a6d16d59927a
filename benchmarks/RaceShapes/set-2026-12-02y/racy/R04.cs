using System.Threading.Channels;

namespace Theatre.Rigging;

public enum FlyDirection { In, Out }

public sealed class FlyCommand
{
    public int LineSet { get; set; }
    public FlyDirection Direction { get; set; }
    public double TargetTrimMetres { get; set; }
    public int CueNumber { get; set; }
}

public interface IWinchBus
{
    Task MoveAsync(int lineSet, double trimMetres, CancellationToken ct);
}

/// <summary>
/// Turns a running cue sheet into winch commands. The cue reader writes commands
/// into a channel and a single winch task drains it at the pace the motors allow.
/// </summary>
public sealed class FlySystemController
{
    private readonly Channel<FlyCommand> _commands =
        Channel.CreateBounded<FlyCommand>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
    private readonly IWinchBus _bus;
    private readonly FlyCommand _pending = new();
    private int _executed;

    public FlySystemController(IWinchBus bus) => _bus = bus;

    public int Executed => Volatile.Read(ref _executed);

    public async Task RunCueSheetAsync(IEnumerable<(int Cue, int LineSet, double Trim)> sheet, CancellationToken ct)
    {
        var winch = DriveWinchesAsync(ct);
        foreach (var (cue, lineSet, trim) in sheet)
        {
            _pending.CueNumber = cue;
            _pending.LineSet = lineSet;
            _pending.TargetTrimMetres = trim;
            _pending.Direction = trim > 0 ? FlyDirection.Out : FlyDirection.In;
            await _commands.Writer.WriteAsync(_pending, ct).ConfigureAwait(false);
        }
        _commands.Writer.Complete();
        await winch.ConfigureAwait(false);
    }

    private async Task DriveWinchesAsync(CancellationToken ct)
    {
        await foreach (var cmd in _commands.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var trim = cmd.Direction == FlyDirection.In
                ? Math.Min(cmd.TargetTrimMetres, 0)
                : Math.Max(cmd.TargetTrimMetres, 0);
            await _bus.MoveAsync(cmd.LineSet, trim, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _executed);
        }
    }
}

public sealed class LoggingWinchBus : IWinchBus
{
    private readonly List<string> _log = new();
    private readonly object _gate = new();

    public async Task MoveAsync(int lineSet, double trimMetres, CancellationToken ct)
    {
        await Task.Delay(20, ct).ConfigureAwait(false);
        lock (_gate)
        {
            _log.Add($"line {lineSet} -> {trimMetres:F2} m");
        }
    }

    public string[] Snapshot()
    {
        lock (_gate) return _log.ToArray();
    }
}
