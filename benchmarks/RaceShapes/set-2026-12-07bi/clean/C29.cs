namespace Blind61.Distillery.Excise;

/// <summary>
/// Retry budget for calls to the excise duty service. Every successful call earns a fraction
/// of a retry token; each retry spends a whole one, so a struggling service isn't flooded.
/// Shared by all the duty-return senders. Tokens are stored in thousandths.
/// </summary>
public sealed class ExciseRetryBudget
{
    private const int Scale = 1000;
    private readonly int _maxMilliTokens;
    private readonly int _earnPerSuccess;
    private int _milliTokens;

    public ExciseRetryBudget(int maxTokens, double tokensPerSuccess)
    {
        _maxMilliTokens = maxTokens * Scale;
        _earnPerSuccess = (int)(tokensPerSuccess * Scale);
        _milliTokens = _maxMilliTokens;
    }

    public double Available => Volatile.Read(ref _milliTokens) / (double)Scale;

    public void RecordSuccess()
    {
        int current, next;
        do
        {
            current = Volatile.Read(ref _milliTokens);
            next = Math.Min(_maxMilliTokens, current + _earnPerSuccess);
            if (next == current)
                return;
        }
        while (Interlocked.CompareExchange(ref _milliTokens, next, current) != current);
    }

    public bool TrySpendRetry()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _milliTokens);
            if (current < Scale)
                return false;
        }
        while (Interlocked.CompareExchange(ref _milliTokens, current - Scale, current) != current);
        return true;
    }
}

public sealed record DutyReturn(string WarehouseId, DateOnly Period, decimal LitresOfAlcohol);

public interface IExciseService
{
    Task<string> SubmitAsync(DutyReturn dutyReturn, CancellationToken ct);
}

/// <summary>Sends duty returns with budgeted retries and exponential backoff.</summary>
public sealed class DutyReturnSender
{
    private readonly IExciseService _service;
    private readonly ExciseRetryBudget _budget;

    public DutyReturnSender(IExciseService service, ExciseRetryBudget budget)
    {
        _service = service;
        _budget = budget;
    }

    public async Task<string> SendAsync(DutyReturn dutyReturn, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var reference = await _service.SubmitAsync(dutyReturn, ct);
                _budget.RecordSuccess();
                return reference;
            }
            catch (HttpRequestException) when (_budget.TrySpendRetry())
            {
                await Task.Delay(delay, ct);
                delay *= 2;
            }
        }
    }
}
