namespace Customs.Declarations;

public sealed record Declaration(string Reference, string CommodityCode, string OriginCountry, decimal CustomsValue, decimal DeclaredDuty);

public sealed record BatchResult(int Accepted, IReadOnlyList<string> Rejections);

public interface ITariffService
{
    Task<decimal> GetDutyRateAsync(string commodityCode, string originCountry, CancellationToken ct);
}

public sealed class DeclarationRejectedException : Exception
{
    public DeclarationRejectedException(string message) : base(message) { }
}

/// <summary>
/// Checks a broker's batch of import declarations against the tariff before submission.
/// Each declaration's tariff lookup is independent, so they are started together.
/// </summary>
public sealed class DeclarationBatchValidator
{
    private readonly ITariffService _tariffs;
    private readonly List<string> _rejections = new();
    private int _accepted;

    public DeclarationBatchValidator(ITariffService tariffs) => _tariffs = tariffs;

    public async Task<BatchResult> ValidateBatchAsync(IReadOnlyList<Declaration> batch, CancellationToken ct)
    {
        _rejections.Clear();
        _accepted = 0;

        await Task.WhenAll(batch.Select(d => ValidateOneAsync(d, ct)));

        return new BatchResult(_accepted, _rejections.ToArray());
    }

    private async Task ValidateOneAsync(Declaration declaration, CancellationToken ct)
    {
        try
        {
            if (declaration.CommodityCode.Length != 10)
            {
                throw new DeclarationRejectedException("commodity code must have 10 digits");
            }

            var rate = await _tariffs
                .GetDutyRateAsync(declaration.CommodityCode, declaration.OriginCountry, ct)
                .ConfigureAwait(false);

            var expected = Math.Round(declaration.CustomsValue * rate, 2, MidpointRounding.AwayFromZero);
            if (Math.Abs(expected - declaration.DeclaredDuty) > 0.01m)
            {
                throw new DeclarationRejectedException($"declared duty {declaration.DeclaredDuty} but tariff gives {expected}");
            }

            Interlocked.Increment(ref _accepted);
        }
        catch (DeclarationRejectedException ex)
        {
            _rejections.Add($"{declaration.Reference}: {ex.Message}");
        }
    }
}

/// <summary>
/// Tariff lookup backed by the national trade tariff API.
/// </summary>
public sealed class RemoteTariffService : ITariffService
{
    public async Task<decimal> GetDutyRateAsync(string commodityCode, string originCountry, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(40), ct).ConfigureAwait(false);
        if (originCountry is "NO" or "IS" or "CH")
        {
            throw new DeclarationRejectedException($"preference origin {originCountry} needs a proof of origin");
        }
        return commodityCode.StartsWith("6403", StringComparison.Ordinal) ? 0.08m : 0.02m;
    }
}
