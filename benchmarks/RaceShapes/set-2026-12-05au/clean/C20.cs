using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blind47.IceSculpture.Scoring;

public abstract record ContestEvent(long Sequence, string TeamId);
public sealed record TeamRegistered(long Sequence, string TeamId, string TeamName) : ContestEvent(Sequence, TeamId);
public sealed record JudgeScored(long Sequence, string TeamId, string Judge, int Points) : ContestEvent(Sequence, TeamId);
public sealed record PenaltyApplied(long Sequence, string TeamId, int Points, string Reason) : ContestEvent(Sequence, TeamId);

public sealed record TeamStanding(string TeamId, string TeamName, int Points, int Penalties);

/// <summary>
/// Leaderboard projection for the ice sculpture contest. Events are applied by a
/// single projector loop; the big screen and the judges' tablets read the latest
/// published standings at any time.
/// </summary>
public sealed class LeaderboardProjection
{
    private readonly Channel<ContestEvent> _events = Channel.CreateUnbounded<ContestEvent>(new UnboundedChannelOptions { SingleReader = true });
    private ImmutableDictionary<string, TeamStanding> _standings = ImmutableDictionary<string, TeamStanding>.Empty;
    private long _lastApplied;

    public bool Append(ContestEvent e) => _events.Writer.TryWrite(e);

    public void Complete() => _events.Writer.TryComplete();

    public long LastApplied => Interlocked.Read(ref _lastApplied);

    public IReadOnlyList<TeamStanding> Top(int count) =>
        Volatile.Read(ref _standings).Values
            .OrderByDescending(s => s.Points - s.Penalties)
            .ThenBy(s => s.TeamName, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    public async Task RunAsync(CancellationToken ct)
    {
        var working = _standings;
        await foreach (var e in _events.Reader.ReadAllAsync(ct))
        {
            if (e.Sequence <= Interlocked.Read(ref _lastApplied))
            {
                continue; // replayed after a reconnect
            }

            working = e switch
            {
                TeamRegistered r => working.SetItem(r.TeamId, new TeamStanding(r.TeamId, r.TeamName, 0, 0)),
                JudgeScored s when working.TryGetValue(s.TeamId, out var t) => working.SetItem(s.TeamId, t with { Points = t.Points + s.Points }),
                PenaltyApplied p when working.TryGetValue(p.TeamId, out var t) => working.SetItem(p.TeamId, t with { Penalties = t.Penalties + p.Points }),
                _ => working,
            };

            Volatile.Write(ref _standings, working);
            Interlocked.Exchange(ref _lastApplied, e.Sequence);
        }
    }
}
