namespace Blind36.TruffleHunt.Grading;

public sealed record TruffleLot(string Id, double Grams, string Species);

public sealed class GradingCertificate
{
    public required string LotId { get; init; }
    public string Grade { get; set; } = "";
    public decimal PricePerKilo { get; set; }
    public List<string> Remarks { get; } = new();
}

/// <summary>
/// Sends truffle lots to the grading bench and hands the filled-in certificate back
/// to the seller's waiting request.
/// </summary>
public sealed class GradingDesk
{
    private readonly System.Collections.Concurrent.BlockingCollection<(TruffleLot Lot, TaskCompletionSource<GradingCertificate> Reply)> _bench = new();
    private readonly Thread _grader;

    public GradingDesk()
    {
        _grader = new Thread(GradeLoop) { IsBackground = true, Name = "truffle-grader" };
        _grader.Start();
    }

    public Task<GradingCertificate> SubmitAsync(TruffleLot lot)
    {
        var tcs = new TaskCompletionSource<GradingCertificate>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bench.Add((lot, tcs));
        return tcs.Task;
    }

    public void Close() => _bench.CompleteAdding();

    private void GradeLoop()
    {
        foreach (var (lot, reply) in _bench.GetConsumingEnumerable())
        {
            var cert = new GradingCertificate { LotId = lot.Id };
            if (lot.Species.Contains("melanosporum", StringComparison.OrdinalIgnoreCase))
            {
                cert.Grade = lot.Grams >= 50 ? "Extra" : "Category I";
                cert.PricePerKilo = lot.Grams >= 50 ? 1_400m : 950m;
            }
            else
            {
                cert.Grade = "Category II";
                cert.PricePerKilo = 400m;
                cert.Remarks.Add("Summer or Burgundy species; graded on aroma only.");
            }

            if (lot.Grams < 10)
                cert.Remarks.Add("Pieces under 10 g sold as brisures.");

            reply.TrySetResult(cert);
        }
    }
}

public sealed class SellerCounter
{
    private readonly GradingDesk _desk;

    public SellerCounter(GradingDesk desk) => _desk = desk;

    public async Task<string> QuoteAsync(TruffleLot lot)
    {
        var cert = await _desk.SubmitAsync(lot).ConfigureAwait(false);
        cert.Remarks.Add($"Quoted {DateTime.Now:t}");
        decimal value = cert.PricePerKilo * (decimal)lot.Grams / 1000m;
        return $"{lot.Id}: {cert.Grade}, {value:C} ({string.Join(" ", cert.Remarks)})";
    }
}
