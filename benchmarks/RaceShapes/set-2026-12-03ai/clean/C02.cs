using System.Collections.Immutable;

namespace Blind35.Marionettes.Casting;

public sealed record CastMember(string Name, string Role, int StringCount);

/// <summary>
/// The cast list for tonight's marionette performance. Shared by all hub connections of the
/// stage crew; reads vastly outnumber changes so the roster is an immutable list that is
/// replaced as a whole.
/// </summary>
public sealed class CastRoster
{
    private ImmutableList<CastMember> _members = ImmutableList<CastMember>.Empty;

    public ImmutableList<CastMember> Members => Volatile.Read(ref _members);

    public bool TryAdd(CastMember member)
    {
        while (true)
        {
            var current = Volatile.Read(ref _members);
            if (current.Exists(m => m.Name == member.Name))
            {
                return false;
            }

            var updated = current.Add(member);
            if (Interlocked.CompareExchange(ref _members, updated, current) == current)
            {
                return true;
            }
        }
    }

    public bool Remove(string name)
    {
        while (true)
        {
            var current = Volatile.Read(ref _members);
            var index = current.FindIndex(m => m.Name == name);
            if (index < 0)
            {
                return false;
            }

            var updated = current.RemoveAt(index);
            if (Interlocked.CompareExchange(ref _members, updated, current) == current)
            {
                return true;
            }
        }
    }

    public void Recast(string name, string newRole)
    {
        ImmutableList<CastMember> current, updated;
        do
        {
            current = Volatile.Read(ref _members);
            updated = current.ConvertAll(m => m.Name == name ? m with { Role = newRole } : m);
        }
        while (Interlocked.CompareExchange(ref _members, updated, current) != current);
    }

    public int TotalStrings() => Members.Sum(m => m.StringCount);
}

/// <summary>Hub-style entry point for the stage manager's and crew's tablets.</summary>
public sealed class StageCrewHub
{
    private readonly CastRoster _roster;

    public StageCrewHub(CastRoster roster) => _roster = roster;

    public Task<bool> JoinCast(string name, string role, int strings) =>
        Task.FromResult(_roster.TryAdd(new CastMember(name, role, strings)));

    public Task<bool> LeaveCast(string name) => Task.FromResult(_roster.Remove(name));

    public Task<IReadOnlyList<string>> CallSheet() =>
        Task.FromResult<IReadOnlyList<string>>(_roster.Members.Select(m => $"{m.Role}: {m.Name}").ToList());
}
