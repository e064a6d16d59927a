using System.Net.Http;

namespace Blind65.ShipChandlers.Suppliers;

/// <summary>
/// Limits retries against the rope and paint suppliers' APIs to a fraction of
/// recent traffic, so an outage doesn't multiply load. One budget is shared by
/// all outgoing supplier calls.
/// </summary>
public sealed class SupplierRetryBudget
{
    private readonly int _maxTokens;
    private readonly int _depositPerRequest;
    private readonly int _costPerRetry;
    private int _tokens;

    public SupplierRetryBudget(int maxTokens, int depositPerRequest = 1, int costPerRetry = 10)
    {
        _maxTokens = maxTokens;
        _depositPerRequest = depositPerRequest;
        _costPerRetry = costPerRetry;
        _tokens = maxTokens;
    }

    public int Available => Volatile.Read(ref _tokens);

    public void OnRequest()
    {
        var current = Volatile.Read(ref _tokens);
        while (current < _maxTokens)
        {
            var next = Math.Min(_maxTokens, current + _depositPerRequest);
            var seen = Interlocked.CompareExchange(ref _tokens, next, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    public bool TryWithdrawRetry()
    {
        var current = Volatile.Read(ref _tokens);
        while (current >= _costPerRetry)
        {
            var seen = Interlocked.CompareExchange(ref _tokens, current - _costPerRetry, current);
            if (seen == current)
            {
                return true;
            }
            current = seen;
        }
        return false;
    }
}

public sealed class SupplierRetryHandler : DelegatingHandler
{
    private readonly SupplierRetryBudget _budget;
    private readonly int _maxAttempts;

    public SupplierRetryHandler(SupplierRetryBudget budget, int maxAttempts = 3)
    {
        _budget = budget;
        _maxAttempts = maxAttempts;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _budget.OnRequest();
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500 || attempt >= _maxAttempts || !_budget.TryWithdrawRetry())
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < _maxAttempts && _budget.TryWithdrawRetry())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
        }
    }
}
