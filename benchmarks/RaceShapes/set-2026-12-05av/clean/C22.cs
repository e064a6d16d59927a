using System.Collections.Immutable;

namespace Blind48.BellRingers.Roster;

public sealed record Ringer(string Name, int Bell, bool CanConduct);

/// <summary>
/// The tower's ringing roster for Sunday service. Ringers sign up from the
/// guild app while the tower captain's tablet reads the current band.
/// </summary>
public sealed class RingingRoster
{
    private ImmutableList<Ringer> _band = ImmutableList<Ringer>.Empty;
    private ImmutableDictionary<string, int> _quarterPealsByRinger = ImmutableDictionary<string, int>.Empty;
    private readonly int _bells;

    public RingingRoster(int bells) => _bells = bells;

    public ImmutableList<Ringer> Band => Volatile.Read(ref _band);

    public bool SignUp(string name, int preferredBell, bool canConduct)
    {
        while (true)
        {
            var current = Volatile.Read(ref _band);
            if (current.Count >= _bells || current.Any(r => r.Name == name))
            {
                return false;
            }

            var bell = current.Any(r => r.Bell == preferredBell)
                ? Enumerable.Range(1, _bells).First(b => current.All(r => r.Bell != b))
                : preferredBell;

            var updated = current.Add(new Ringer(name, bell, canConduct));
            if (Interlocked.CompareExchange(ref _band, updated, current) == current)
            {
                return true;
            }
        }
    }

    public void Withdraw(string name) =>
        ImmutableInterlocked.Update(ref _band, band => band.RemoveAll(r => r.Name == name));

    public void RecordQuarterPeal(IEnumerable<string> ringers)
    {
        foreach (var name in ringers)
        {
            ImmutableInterlocked.AddOrUpdate(ref _quarterPealsByRinger, name, 1, (_, n) => n + 1);
        }
    }

    public int QuarterPeals(string name) =>
        Volatile.Read(ref _quarterPealsByRinger).TryGetValue(name, out var n) ? n : 0;

    public Ringer? Conductor()
    {
        var band = Band;
        return band.Where(r => r.CanConduct).OrderBy(r => r.Bell).LastOrDefault();
    }
}
