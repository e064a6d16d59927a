using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Blind39.DogSled.Checkpoints;

public readonly record struct CheckpointPing(string TeamId, string Checkpoint, DateTime AtUtc);

public sealed record TeamStanding(string TeamId, string LastCheckpoint, DateTime AtUtc);

/// <summary>
/// Folds checkpoint pings into trail standings. Trail gateways post pings through
/// <see cref="Post"/>; the hosted loop folds them in and, every few seconds,
/// publishes a fresh immutable standings list that the web page reads.
/// </summary>
public sealed class StandingsService : BackgroundService
{
    private readonly Channel<CheckpointPing> _pings = Channel.CreateUnbounded<CheckpointPing>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, TeamStanding> _latest = new(StringComparer.Ordinal);
    private IReadOnlyList<TeamStanding> _published = Array.Empty<TeamStanding>();
    private long _pingsReceived;

    public bool Post(CheckpointPing ping)
    {
        Interlocked.Increment(ref _pingsReceived);
        return _pings.Writer.TryWrite(ping);
    }

    public long PingsReceived => Interlocked.Read(ref _pingsReceived);

    public IReadOnlyList<TeamStanding> Standings => Volatile.Read(ref _published);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                while (_pings.Reader.TryRead(out var ping))
                {
                    if (!_latest.TryGetValue(ping.TeamId, out var current) || ping.AtUtc > current.AtUtc)
                        _latest[ping.TeamId] = new TeamStanding(ping.TeamId, ping.Checkpoint, ping.AtUtc);
                }

                var snapshot = _latest.Values
                    .OrderBy(s => s.LastCheckpoint, StringComparer.Ordinal)
                    .ThenBy(s => s.AtUtc)
                    .ToArray();
                Volatile.Write(ref _published, snapshot);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
