using Microsoft.Extensions.Hosting;

namespace Blind44.RailwaySignalBoxes.Watch;

public enum Aspect { Danger, Caution, DoubleCaution, Clear }

public sealed record BlockSection(int Id, Aspect Aspect, bool Occupied);

public interface IInterlocking
{
    Task<IReadOnlyList<BlockSection>> QueryAsync(CancellationToken ct);
}

public sealed record WrongSideAlarm(int SectionId, DateTime RaisedUtc);

/// <summary>
/// Hosted service that watches the signal box interlocking for signals clearing in front of an
/// occupied section. The signalling control page reads and acknowledges the alarms.
/// </summary>
public sealed class WrongSideWatcher : BackgroundService
{
    private readonly IInterlocking _interlocking;
    private readonly Dictionary<int, Aspect> _lastAspects = new();
    private readonly object _alarmLock = new();
    private readonly List<WrongSideAlarm> _alarms = new();
    private long _polls;

    public WrongSideWatcher(IInterlocking interlocking) => _interlocking = interlocking;

    public long Polls => Interlocked.Read(ref _polls);

    public IReadOnlyList<WrongSideAlarm> Alarms
    {
        get { lock (_alarmLock) return _alarms.ToList(); }
    }

    public int Acknowledge(int sectionId)
    {
        lock (_alarmLock)
            return _alarms.RemoveAll(a => a.SectionId == sectionId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IReadOnlyList<BlockSection> sections;
            try
            {
                sections = await _interlocking.QueryAsync(stoppingToken);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var section in sections)
            {
                if (_lastAspects.TryGetValue(section.Id, out var previous) &&
                    previous == Aspect.Danger && section.Aspect != Aspect.Danger && section.Occupied)
                {
                    lock (_alarmLock)
                        _alarms.Add(new WrongSideAlarm(section.Id, DateTime.UtcNow));
                }
                _lastAspects[section.Id] = section.Aspect;
            }

            Interlocked.Increment(ref _polls);
        }
    }
}
