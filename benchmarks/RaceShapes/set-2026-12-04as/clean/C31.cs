namespace Blind45.Regatta.CrewMatching;

public enum Position { Helm, Trimmer, Bowman }

public sealed record Sailor(string Id, string Name, Position Position, int Rating);

public sealed record Crew(Guid CrewId, Sailor Helm, Sailor Trimmer, Sailor Bowman);

/// <summary>
/// Matches sailors looking for a boat at the club's pick-up regatta into three-person
/// crews. Sailors sign up from the club app (many concurrent requests); when a crew can
/// be formed the crew-formed callback notifies all three.
/// </summary>
public sealed class PickupCrewMatcher
{
    private readonly object _lock = new();
    private readonly Dictionary<Position, List<Sailor>> _waiting = new()
    {
        [Position.Helm] = new List<Sailor>(),
        [Position.Trimmer] = new List<Sailor>(),
        [Position.Bowman] = new List<Sailor>(),
    };

    private readonly Action<Crew> _crewFormed;
    private int _crewsFormed;

    public PickupCrewMatcher(Action<Crew> crewFormed) => _crewFormed = crewFormed;

    public int CrewsFormed => Volatile.Read(ref _crewsFormed);

    public void SignUp(Sailor sailor)
    {
        Crew? crew = null;
        lock (_lock)
        {
            var queue = _waiting[sailor.Position];
            if (queue.Exists(s => s.Id == sailor.Id))
            {
                return;
            }

            queue.Add(sailor);
            if (_waiting.Values.All(q => q.Count > 0))
            {
                var helm = TakeClosest(Position.Helm, sailor.Rating);
                var trimmer = TakeClosest(Position.Trimmer, helm.Rating);
                var bowman = TakeClosest(Position.Bowman, helm.Rating);
                crew = new Crew(Guid.NewGuid(), helm, trimmer, bowman);
            }
        }

        if (crew is not null)
        {
            Interlocked.Increment(ref _crewsFormed);
            _crewFormed(crew);
        }
    }

    public bool Withdraw(string sailorId)
    {
        lock (_lock)
        {
            foreach (var queue in _waiting.Values)
            {
                if (queue.RemoveAll(s => s.Id == sailorId) > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyDictionary<Position, int> WaitingCounts()
    {
        lock (_lock)
        {
            return _waiting.ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        }
    }

    private Sailor TakeClosest(Position position, int rating)
    {
        var queue = _waiting[position];
        var best = 0;
        for (var i = 1; i < queue.Count; i++)
        {
            if (Math.Abs(queue[i].Rating - rating) < Math.Abs(queue[best].Rating - rating))
            {
                best = i;
            }
        }

        var chosen = queue[best];
        queue.RemoveAt(best);
        return chosen;
    }
}
