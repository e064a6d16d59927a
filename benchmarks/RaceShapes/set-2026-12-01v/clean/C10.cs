using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind22.Tennis.LineCalls;

public sealed record ChallengeRequest(string MatchId, string Player, int SetNumber, string CallDisputed);

public sealed record ChallengeOutcome(ChallengeRequest Request, bool Overturned, int RemainingForPlayer);

public interface IHawkEyeReview
{
    Task<bool> IsCallOverturnedAsync(ChallengeRequest request, CancellationToken ct);
}

/// <summary>
/// Processes player challenges on line calls in order. Court-side umpire consoles write
/// requests into <see cref="Requests"/>; one reviewer loop handles them and keeps the
/// per-set challenge allowance.
/// </summary>
public sealed class ChallengeReviewQueue : BackgroundService
{
    private const int ChallengesPerSet = 3;

    private readonly Channel<ChallengeRequest> _requests =
        Channel.CreateUnbounded<ChallengeRequest>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<ChallengeOutcome> _outcomes =
        Channel.CreateUnbounded<ChallengeOutcome>(new UnboundedChannelOptions { SingleWriter = true });

    private readonly Dictionary<(string Match, string Player, int Set), int> _remaining = new();
    private readonly IHawkEyeReview _review;

    public ChallengeReviewQueue(IHawkEyeReview review) => _review = review;

    public ChannelWriter<ChallengeRequest> Requests => _requests.Writer;

    public ChannelReader<ChallengeOutcome> Outcomes => _outcomes.Reader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var key = (request.MatchId, request.Player, request.SetNumber);
                var left = _remaining.GetValueOrDefault(key, ChallengesPerSet);
                if (left == 0)
                {
                    await _outcomes.Writer.WriteAsync(new ChallengeOutcome(request, false, 0), stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var overturned = await _review.IsCallOverturnedAsync(request, stoppingToken).ConfigureAwait(false);
                if (!overturned)
                {
                    left--;
                }
                _remaining[key] = left;

                await _outcomes.Writer.WriteAsync(new ChallengeOutcome(request, overturned, left), stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _outcomes.Writer.TryComplete();
        }
    }
}
