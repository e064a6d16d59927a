using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Blind59.Beekeeping.Pipeline;

public interface IRequest<TResponse> { }

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

public interface IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct);
}

public sealed record RegisterSwarmCall(string MemberId, string Postcode, DateTime ReportedAt) : IRequest<SwarmCallResult>;
public sealed record SwarmCallResult(Guid CallId, string AssignedCollector);

/// <summary>
/// Times each request going through the association's mediator and logs slow ones.
/// The mediator resolves behaviours from the root container, so one instance of this
/// behaviour serves every request.
/// </summary>
public sealed class SlowRequestBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    private readonly ILogger<SlowRequestBehavior<TRequest, TResponse>> _logger;
    private readonly TimeSpan _threshold;
    private long _startTimestamp;

    public SlowRequestBehavior(ILogger<SlowRequestBehavior<TRequest, TResponse>> logger, TimeSpan threshold)
    {
        _logger = logger;
        _threshold = threshold;
    }

    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct)
    {
        _startTimestamp = Stopwatch.GetTimestamp();

        var response = await next().ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        if (elapsed > _threshold)
        {
            _logger.LogWarning("{Request} took {Elapsed} ms", typeof(TRequest).Name, elapsed.TotalMilliseconds);
        }

        return response;
    }
}

/// <summary>
/// Very small mediator used by the swarm-collection hotline service.
/// </summary>
public sealed class HotlineMediator
{
    private readonly SlowRequestBehavior<RegisterSwarmCall, SwarmCallResult> _timing;
    private readonly Func<RegisterSwarmCall, CancellationToken, Task<SwarmCallResult>> _handler;

    public HotlineMediator(
        SlowRequestBehavior<RegisterSwarmCall, SwarmCallResult> timing,
        Func<RegisterSwarmCall, CancellationToken, Task<SwarmCallResult>> handler)
    {
        _timing = timing;
        _handler = handler;
    }

    public Task<SwarmCallResult> Send(RegisterSwarmCall call, CancellationToken ct) =>
        _timing.Handle(call, () => _handler(call, ct), ct);
}

public static class HotlineEndpoints
{
    /// <summary>Called concurrently by the web host for each incoming swarm report.</summary>
    public static Task<SwarmCallResult> ReportSwarm(HotlineMediator mediator, string memberId, string postcode, CancellationToken ct) =>
        mediator.Send(new RegisterSwarmCall(memberId, postcode, DateTime.UtcNow), ct);

    public static async Task<int> ReplayBacklogAsync(HotlineMediator mediator, IEnumerable<RegisterSwarmCall> backlog)
    {
        var results = await Task.WhenAll(backlog.Select(call => mediator.Send(call, CancellationToken.None)));
        return results.Length;
    }
}
