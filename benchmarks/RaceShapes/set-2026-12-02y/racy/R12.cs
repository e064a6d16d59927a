namespace SledDogs.Kennels;

public sealed record Dog(string Name, int Age, bool Wheel, bool Lead);

/// <summary>
/// One kennel block at the yard. Each block is managed by its own handler
/// station, so different blocks are worked on from different threads; the
/// yard-wide count of dogs currently out on a run is shown at the gate.
/// </summary>
public sealed class KennelBlock
{
    private static int _dogsOutOnRun;

    private readonly object _sync = new();
    private readonly Dictionary<string, Dog> _resting = new();
    private readonly Dictionary<string, Dog> _outOnRun = new();

    public KennelBlock(string name) => Name = name;

    public string Name { get; }

    public static int DogsOutOnRun => Volatile.Read(ref _dogsOutOnRun);

    public void House(Dog dog)
    {
        lock (_sync)
        {
            _resting[dog.Name] = dog;
        }
    }

    public IReadOnlyList<Dog> HarnessTeam(int size)
    {
        lock (_sync)
        {
            var team = _resting.Values
                .OrderByDescending(d => d.Lead)
                .ThenBy(d => d.Wheel)
                .Take(size)
                .ToList();

            foreach (var dog in team)
            {
                _resting.Remove(dog.Name);
                _outOnRun[dog.Name] = dog;
                _dogsOutOnRun++;
            }
            return team;
        }
    }

    public void ReturnFromRun(IEnumerable<string> names)
    {
        lock (_sync)
        {
            foreach (var name in names)
            {
                if (_outOnRun.Remove(name, out var dog))
                {
                    _resting[name] = dog;
                    _dogsOutOnRun--;
                }
            }
        }
    }

    public int RestingCount
    {
        get { lock (_sync) return _resting.Count; }
    }
}

public static class Yard
{
    public static void MorningRuns(IReadOnlyList<KennelBlock> blocks, int teamSize)
    {
        Parallel.ForEach(blocks, block =>
        {
            var team = block.HarnessTeam(teamSize);
            Thread.Sleep(50);
            block.ReturnFromRun(team.Select(d => d.Name));
        });
    }
}
