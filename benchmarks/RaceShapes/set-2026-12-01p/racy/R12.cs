using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.Esports.Replays;

public sealed record ReplayHeader(string MatchId, string MapName, string[] Teams, int DurationSeconds, int TotalKills);

public sealed record MatchSummary(string MatchId, string MapName, string Teams, TimeSpan Duration, double KillsPerMinute);

public sealed record SeasonSummary(IReadOnlyList<MatchSummary> Matches, TimeSpan LongestMatch, string BusiestMap);

public interface IReplayHeaderReader
{
    /// <summary>Parses just the header block of a .replay file from disk.</summary>
    ReplayHeader ReadHeader(string path);
}

/// <summary>
/// Produces the season overview page for the replay archive CLI by scanning every
/// replay file's header.
/// </summary>
public sealed class SeasonSummaryBuilder
{
    private readonly IReplayHeaderReader _reader;
    private int _longestMatchSeconds;

    public SeasonSummaryBuilder(IReplayHeaderReader reader) => _reader = reader;

    public SeasonSummary Build(IEnumerable<string> replayPaths, int maxDegreeOfParallelism = 4)
    {
        _longestMatchSeconds = 0;

        var matches = replayPaths
            .AsParallel()
            .WithDegreeOfParallelism(maxDegreeOfParallelism)
            .Select(path =>
            {
                var header = _reader.ReadHeader(path);

                if (header.DurationSeconds > _longestMatchSeconds)
                {
                    _longestMatchSeconds = header.DurationSeconds;
                }

                var minutes = Math.Max(1.0, header.DurationSeconds / 60.0);
                return new MatchSummary(
                    header.MatchId,
                    header.MapName,
                    string.Join(" vs ", header.Teams),
                    TimeSpan.FromSeconds(header.DurationSeconds),
                    Math.Round(header.TotalKills / minutes, 2));
            })
            .ToList();

        matches.Sort((a, b) => string.CompareOrdinal(a.MatchId, b.MatchId));

        var busiestMap = matches
            .GroupBy(m => m.MapName)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault() ?? "(none)";

        return new SeasonSummary(matches, TimeSpan.FromSeconds(_longestMatchSeconds), busiestMap);
    }
}
