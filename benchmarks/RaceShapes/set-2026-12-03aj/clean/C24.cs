using System.Collections.Immutable;

namespace Blind36.Dowsing.Members;

public sealed record Member(string Name, string Region, string Instrument, DateOnly Joined);

/// <summary>
/// Membership roll for the dowsing society. Read by the website's directory page on
/// every request and occasionally changed by the secretary.
/// </summary>
public sealed class MembershipRoll
{
    private sealed record Roll(ImmutableList<Member> Members, ImmutableDictionary<string, int> PerRegion)
    {
        public static readonly Roll Empty = new(ImmutableList<Member>.Empty, ImmutableDictionary<string, int>.Empty);
    }

    private readonly object _writeLock = new();
    private Roll _roll = Roll.Empty;

    public IReadOnlyList<Member> Members => Volatile.Read(ref _roll).Members;

    public IReadOnlyDictionary<string, int> PerRegion => Volatile.Read(ref _roll).PerRegion;

    public IEnumerable<Member> InRegion(string region) =>
        Volatile.Read(ref _roll).Members.Where(m => string.Equals(m.Region, region, StringComparison.OrdinalIgnoreCase));

    public void Join(Member member)
    {
        lock (_writeLock)
        {
            var current = _roll;
            var perRegion = current.PerRegion.SetItem(member.Region, current.PerRegion.GetValueOrDefault(member.Region) + 1);
            Volatile.Write(ref _roll, new Roll(current.Members.Add(member), perRegion));
        }
    }

    public bool Resign(string name)
    {
        lock (_writeLock)
        {
            var current = _roll;
            var member = current.Members.Find(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            if (member is null)
                return false;

            int left = current.PerRegion.GetValueOrDefault(member.Region) - 1;
            var perRegion = left > 0 ? current.PerRegion.SetItem(member.Region, left) : current.PerRegion.Remove(member.Region);
            Volatile.Write(ref _roll, new Roll(current.Members.Remove(member), perRegion));
            return true;
        }
    }
}
