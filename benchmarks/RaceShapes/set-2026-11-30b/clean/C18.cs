using System.Text;

namespace Blind2.C18;

/// <summary>
/// Generates synthetic customer records for load-testing the import API.
/// Generation is spread over all cores.
/// </summary>
public static class SyntheticCustomerGenerator
{
    private static readonly string[] FirstNames = { "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana" };
    private static readonly string[] LastNames = { "Ito", "Jensen", "Kowalski", "Lopez", "Mensah", "Novak", "Okafor" };
    private static readonly string[] Cities = { "Lisbon", "Oslo", "Accra", "Osaka", "Quito", "Tallinn" };

    private static int s_seed = Environment.TickCount;

    private static readonly ThreadLocal<Random> Rng =
        new(() => new Random(Interlocked.Increment(ref s_seed)));

    [ThreadStatic]
    private static StringBuilder? t_scratch;

    public static string[] GenerateCsvRows(int count)
    {
        var rows = new string[count];
        Parallel.For(0, count, i => rows[i] = BuildRow(i));
        return rows;
    }

    private static string BuildRow(int index)
    {
        var rng = Rng.Value!;
        var sb = t_scratch ??= new StringBuilder(128);
        sb.Clear();

        var first = FirstNames[rng.Next(FirstNames.Length)];
        var last = LastNames[rng.Next(LastNames.Length)];

        sb.Append(index).Append(',')
          .Append(first).Append(',')
          .Append(last).Append(',')
          .Append(first.ToLowerInvariant()).Append('.').Append(last.ToLowerInvariant())
          .Append(rng.Next(100, 999)).Append("@example.test,")
          .Append(Cities[rng.Next(Cities.Length)]).Append(',')
          .Append(DateTime.UtcNow.AddDays(-rng.Next(0, 3650)).ToString("yyyy-MM-dd"));

        return sb.ToString();
    }
}
