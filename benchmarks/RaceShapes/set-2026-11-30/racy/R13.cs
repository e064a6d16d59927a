namespace Blind.R13;

public sealed record SyntheticOrder(int Id, string CustomerId, string Sku, int Quantity, decimal UnitPrice, DateTime PlacedAt);

/// <summary>
/// Generates synthetic orders for load tests and demo environments.
/// </summary>
public sealed class OrderGenerator
{
    private static readonly string[] Skus = { "SKU-1001", "SKU-1002", "SKU-2040", "SKU-3300", "SKU-7777" };

    private readonly Random _random;
    private readonly int _customerCount;
    private readonly DateTime _start;

    public OrderGenerator(int seed, int customerCount, DateTime start)
    {
        _random = new Random(seed);
        _customerCount = customerCount;
        _start = start;
    }

    public SyntheticOrder[] Generate(int count)
    {
        var orders = new SyntheticOrder[count];

        Parallel.For(0, count, i =>
        {
            int customer = _random.Next(_customerCount);
            string sku = Skus[_random.Next(Skus.Length)];
            int quantity = 1 + _random.Next(5);
            decimal price = Math.Round((decimal)(_random.NextDouble() * 200 + 5), 2);
            var placedAt = _start.AddSeconds(_random.Next(0, 86_400 * 30));

            orders[i] = new SyntheticOrder(i + 1, $"C{customer:D6}", sku, quantity, price, placedAt);
        });

        return orders;
    }

    public static void WriteCsv(TextWriter writer, IEnumerable<SyntheticOrder> orders)
    {
        writer.WriteLine("id,customer,sku,quantity,unit_price,placed_at");
        foreach (var o in orders)
        {
            writer.WriteLine(string.Join(',',
                o.Id,
                o.CustomerId,
                o.Sku,
                o.Quantity,
                o.UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.PlacedAt.ToString("O")));
        }
    }
}
