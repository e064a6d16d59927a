using System;
using System.Threading;

namespace Blind16.SignRelay.Quality;

public sealed class FrameDroppedEventArgs : EventArgs
{
    public FrameDroppedEventArgs(string legName, long sequence) { LegName = legName; Sequence = sequence; }
    public string LegName { get; }
    public long Sequence { get; }
}

public interface IFrameSource
{
    /// <summary>Blocks until the next frame arrives; returns false when the leg has closed.</summary>
    bool TryReceive(out long sequence, out bool corrupted);
}

/// <summary>
/// One direction of a video relay call (caller to interpreter, or interpreter to callee).
/// Frames are pulled on a dedicated thread for the lifetime of the call.
/// </summary>
public sealed class VideoLeg
{
    private readonly IFrameSource _source;
    private Thread? _pump;

    public VideoLeg(string name, IFrameSource source)
    {
        Name = name;
        _source = source;
    }

    public string Name { get; }

    public event EventHandler<FrameDroppedEventArgs>? FrameDropped;

    public void Start()
    {
        _pump = new Thread(Pump) { IsBackground = true, Name = $"relay-leg-{Name}" };
        _pump.Start();
    }

    public void Join() => _pump?.Join();

    private void Pump()
    {
        while (_source.TryReceive(out var sequence, out var corrupted))
        {
            if (corrupted)
            {
                FrameDropped?.Invoke(this, new FrameDroppedEventArgs(Name, sequence));
            }
        }
    }
}

/// <summary>
/// Tracks picture quality for a relay call so the interpreter console can show
/// a warning when signing is likely to be unreadable.
/// </summary>
public sealed class RelayQualityMonitor
{
    private readonly int _warningThreshold;
    private int _droppedFrames;

    public RelayQualityMonitor(int warningThreshold) => _warningThreshold = warningThreshold;

    public int DroppedFrames => Volatile.Read(ref _droppedFrames);

    public bool ShouldWarn => DroppedFrames >= _warningThreshold;

    public void Attach(VideoLeg leg) => leg.FrameDropped += OnFrameDropped;

    public void Detach(VideoLeg leg) => leg.FrameDropped -= OnFrameDropped;

    private void OnFrameDropped(object? sender, FrameDroppedEventArgs e)
    {
        _droppedFrames++;
    }
}

public static class RelayCall
{
    public static int Run(IFrameSource callerToInterpreter, IFrameSource interpreterToCallee)
    {
        var monitor = new RelayQualityMonitor(warningThreshold: 150);
        var upstream = new VideoLeg("caller", callerToInterpreter);
        var downstream = new VideoLeg("callee", interpreterToCallee);

        monitor.Attach(upstream);
        monitor.Attach(downstream);

        upstream.Start();
        downstream.Start();
        upstream.Join();
        downstream.Join();

        return monitor.DroppedFrames;
    }
}
