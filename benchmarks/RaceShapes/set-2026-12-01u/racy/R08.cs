using System.Threading.Channels;

namespace Customs.Declarations;

public sealed class Declaration
{
    public required string Reference { get; init; }
    public required string HsCode { get; init; }
    public decimal DeclaredValue { get; set; }
    public List<string> Flags { get; } = new();
}

/// <summary>
/// Reads declarations from the broker upload and hands them to the risk-check workers.
/// </summary>
public sealed class DeclarationPipeline
{
    private readonly Channel<Declaration> _channel = Channel.CreateBounded<Declaration>(256);
    private readonly Func<Declaration, string?> _riskRule;
    private int _flagged;

    public DeclarationPipeline(Func<Declaration, string?> riskRule) => _riskRule = riskRule;

    public int FlaggedCount => Volatile.Read(ref _flagged);

    public async Task ProduceAsync(IAsyncEnumerable<(string Ref, string Hs, decimal Value, string Currency)> upload, Func<string, decimal> toEuro, CancellationToken ct)
    {
        await foreach (var row in upload.WithCancellation(ct))
        {
            var declaration = new Declaration { Reference = row.Ref, HsCode = row.Hs, DeclaredValue = row.Value };
            await _channel.Writer.WriteAsync(declaration, ct);

            if (row.Currency != "EUR")
            {
                // Convert foreign-currency values so the checks compare like with like.
                declaration.DeclaredValue = row.Value * toEuro(row.Currency);
            }
        }
        _channel.Writer.Complete();
    }

    public Task StartWorkers(int count, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => ConsumeAsync(ct), ct)));

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var declaration in _channel.Reader.ReadAllAsync(ct))
        {
            if (declaration.DeclaredValue > 10_000m)
                declaration.Flags.Add("HIGH_VALUE");

            var rule = _riskRule(declaration);
            if (rule is not null)
                declaration.Flags.Add(rule);

            if (declaration.Flags.Count > 0)
                Interlocked.Increment(ref _flagged);
        }
    }
}
