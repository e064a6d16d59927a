using System.Data;
using System.Reflection;

namespace Herbarium.Loans.Data;

[AttributeUsage(AttributeTargets.Class)]
public sealed class TableAttribute : Attribute
{
    public TableAttribute(string name) => Name = name;
    public string Name { get; }
}

public sealed class EntityMap
{
    public EntityMap(string table, PropertyInfo[] columns)
    {
        Table = table;
        Columns = columns;
    }

    public string Table { get; }
    public PropertyInfo[] Columns { get; }
}

/// <summary>
/// Minimal row mapper used by the loan desk repositories. Every repository call,
/// from any request thread, goes through <see cref="MapFor"/>.
/// </summary>
public static class RowMapper
{
    private static readonly Dictionary<Type, EntityMap> Maps = new();

    public static EntityMap MapFor(Type type)
    {
        if (Maps.TryGetValue(type, out var map))
        {
            return map;
        }

        var table = type.GetCustomAttribute<TableAttribute>()?.Name ?? type.Name;
        var columns = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

        map = new EntityMap(table, columns);
        Maps[type] = map;
        return map;
    }

    public static T Materialize<T>(IDataRecord record) where T : new()
    {
        var map = MapFor(typeof(T));
        var item = new T();
        foreach (var column in map.Columns)
        {
            int ordinal;
            try { ordinal = record.GetOrdinal(column.Name); }
            catch (IndexOutOfRangeException) { continue; }

            if (!record.IsDBNull(ordinal))
            {
                column.SetValue(item, record.GetValue(ordinal));
            }
        }
        return item;
    }

    public static string SelectAll<T>() =>
        $"SELECT {string.Join(", ", MapFor(typeof(T)).Columns.Select(c => c.Name))} FROM {MapFor(typeof(T)).Table}";
}

[Table("specimen_loans")]
public sealed class SpecimenLoan
{
    public int Id { get; set; }
    public string SheetNumber { get; set; } = "";
    public string BorrowingInstitution { get; set; } = "";
    public DateTime DueBack { get; set; }
}

public sealed class LoanRepository
{
    private readonly Func<string, IEnumerable<IDataRecord>> _query;

    public LoanRepository(Func<string, IEnumerable<IDataRecord>> query) => _query = query;

    public List<SpecimenLoan> Overdue(DateTime today) =>
        _query(RowMapper.SelectAll<SpecimenLoan>())
            .Select(RowMapper.Materialize<SpecimenLoan>)
            .Where(l => l.DueBack < today)
            .ToList();
}
