using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind60.ModelRailway.Signalling;

public abstract record PanelCommand;
public sealed record SetPoints(int Junction, bool Diverging) : PanelCommand;
public sealed record SetSignal(int Signal, bool Clear) : PanelCommand;

/// <summary>
/// Signal-box simulator for the club's exhibition layout. Panel buttons and the network
/// control app enqueue commands from their own threads; the simulator loop applies them
/// and renders the track diagram on its own thread.
/// </summary>
public sealed class SignalBoxSimulator
{
    private readonly ConcurrentQueue<PanelCommand> _commands = new();
    private readonly bool[] _points = new bool[16];
    private readonly bool[] _signals = new bool[32];
    private readonly Action<string> _render;
    private long _framesRendered;

    public SignalBoxSimulator(Action<string> render) => _render = render;

    public void Enqueue(PanelCommand command) => _commands.Enqueue(command);

    public long FramesRendered => Interlocked.Read(ref _framesRendered);

    public void Run(CancellationToken ct)
    {
        var frame = TimeSpan.FromMilliseconds(40);
        var sw = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            var start = sw.Elapsed;
            ApplyPending();
            Render();
            var spare = frame - (sw.Elapsed - start);
            if (spare > TimeSpan.Zero)
            {
                Thread.Sleep(spare);
            }
        }
    }

    private void ApplyPending()
    {
        while (_commands.TryDequeue(out var command))
        {
            switch (command)
            {
                case SetPoints p when p.Junction >= 0 && p.Junction < _points.Length:
                    _points[p.Junction] = p.Diverging;
                    break;
                case SetSignal s when s.Signal >= 0 && s.Signal < _signals.Length:
                    // Interlock: a signal over a diverging junction stays at danger.
                    _signals[s.Signal] = s.Clear && !_points[s.Signal / 2];
                    break;
            }
        }
    }

    private void Render()
    {
        var points = string.Concat(_points.Select(d => d ? '/' : '|'));
        var signals = string.Concat(_signals.Select(c => c ? 'G' : 'R'));
        _render($"{points} {signals}");
        Interlocked.Increment(ref _framesRendered);
    }
}

public static class SignalBoxHost
{
    public static (Thread Loop, SignalBoxSimulator Sim) Start(Action<string> render, CancellationToken ct)
    {
        var sim = new SignalBoxSimulator(render);
        var loop = new Thread(() => sim.Run(ct)) { IsBackground = true, Name = "signal-box" };
        loop.Start();
        return (loop, sim);
    }
}
