namespace Blind44.RailwaySignalBoxes.Monitoring;

public enum SignalAspect { Danger, Caution, DoubleCaution, Clear }

public sealed record SectionState(int SectionId, SignalAspect Aspect, bool Occupied);

public interface IInterlockingLink
{
    /// <summary>Queries the interlocking over the serial link; can take a couple of seconds when the line is noisy.</summary>
    IReadOnlyList<SectionState> QuerySections();
}

/// <summary>
/// Watches the signal box interlocking and raises an alarm whenever a signal steps up
/// from Danger while its section is still occupied.
/// </summary>
public sealed class AspectWatcher : IDisposable
{
    private readonly IInterlockingLink _link;
    private readonly Action<string> _alarm;
    private readonly System.Timers.Timer _timer;
    private readonly Dictionary<int, SignalAspect> _lastAspects = new();

    public AspectWatcher(IInterlockingLink link, Action<string> alarm)
    {
        _link = link;
        _alarm = alarm;
        _timer = new System.Timers.Timer(500) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        IReadOnlyList<SectionState> sections;
        try
        {
            sections = _link.QuerySections();
        }
        catch (IOException)
        {
            _alarm("Lost contact with interlocking");
            return;
        }

        foreach (var section in sections)
        {
            if (_lastAspects.TryGetValue(section.SectionId, out var previous) &&
                previous == SignalAspect.Danger &&
                section.Aspect != SignalAspect.Danger &&
                section.Occupied)
            {
                _alarm($"Signal for section {section.SectionId} cleared while occupied");
            }

            _lastAspects[section.SectionId] = section.Aspect;
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}

/// <summary>Simulated interlocking used on the training panel.</summary>
public sealed class TrainingPanelLink : IInterlockingLink
{
    private readonly int _sections;
    private int _tick;

    public TrainingPanelLink(int sections) => _sections = sections;

    public IReadOnlyList<SectionState> QuerySections()
    {
        var tick = Interlocked.Increment(ref _tick);
        Thread.Sleep(Random.Shared.Next(100, 1500));
        return Enumerable.Range(1, _sections)
            .Select(id => new SectionState(id, (SignalAspect)((id + tick) % 4), (id + tick) % 3 == 0))
            .ToList();
    }
}
