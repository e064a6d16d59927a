using System.Globalization;
using System.Text;

namespace Cartography.PlateProofs;

public sealed record ProofSheet(string Plate, int Edition, int Impression, double InkDensity, DateOnly Pulled);

/// <summary>
/// Formats the pencil notation written under each proof impression. Used by the
/// proofing service, which formats whole editions in parallel.
/// </summary>
public static class ProofNotation
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static StringBuilder Acquire()
    {
        var sb = t_builder ??= new StringBuilder(96);
        sb.Clear();
        return sb;
    }

    public static string Format(ProofSheet proof)
    {
        var sb = Acquire();
        sb.Append(proof.Plate)
          .Append(" ed.")
          .Append(proof.Edition.ToString(CultureInfo.InvariantCulture))
          .Append(" imp. ")
          .Append(proof.Impression.ToString("000", CultureInfo.InvariantCulture))
          .Append(" / d=")
          .Append(proof.InkDensity.ToString("0.00", CultureInfo.InvariantCulture))
          .Append(" / ")
          .Append(proof.Pulled.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}

/// <summary>Keeps one reusable scratch buffer per thread for the plate-number check digits.</summary>
public static class PlateCheckDigit
{
    private static readonly ThreadLocal<int[]> Weights = new(() => new int[32]);

    public static int Compute(string plateNumber)
    {
        var w = Weights.Value!;
        int n = Math.Min(plateNumber.Length, w.Length);
        for (int i = 0; i < n; i++)
        {
            w[i] = (i % 2 == 0 ? 3 : 1) * (plateNumber[i] - '0' is var d && d is >= 0 and <= 9 ? d : 0);
        }
        int sum = 0;
        for (int i = 0; i < n; i++) sum += w[i];
        return (10 - sum % 10) % 10;
    }
}

public sealed class ProofingService
{
    public IReadOnlyList<string> NotateEdition(IReadOnlyList<ProofSheet> proofs)
    {
        var notes = new string[proofs.Count];
        Parallel.For(0, proofs.Count, i =>
        {
            var p = proofs[i];
            notes[i] = $"{ProofNotation.Format(p)} [{PlateCheckDigit.Compute(p.Plate)}]";
        });
        return notes;
    }

    public IReadOnlyList<string> NotateAll(IEnumerable<ProofSheet> proofs) =>
        proofs.AsParallel()
              .AsOrdered()
              .Select(ProofNotation.Format)
              .ToList();
}
