using System.Reflection;
using System.Text;

namespace Blind26.ChessClock.Serialization;

public sealed class ClockContract
{
    public ClockContract(Type type, PropertyInfo[] properties)
    {
        Type = type;
        Properties = properties;
    }

    public Type Type { get; }
    public PropertyInfo[] Properties { get; }
}

/// <summary>
/// Resolves serialization contracts for the clock event messages pushed to tournament
/// displays. A single resolver is shared by all serializer instances in the process.
/// </summary>
public sealed class ClockContractResolver
{
    public static ClockContractResolver Shared { get; } = new();

    private readonly Dictionary<Type, ClockContract> _contracts = new();
    private readonly object _gate = new();

    public ClockContract Resolve(Type type)
    {
        if (_contracts.TryGetValue(type, out var contract))
        {
            return contract;
        }

        lock (_gate)
        {
            if (!_contracts.TryGetValue(type, out contract))
            {
                contract = Build(type);
                _contracts[type] = contract;
            }

            return contract;
        }
    }

    private static ClockContract Build(Type type)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        return new ClockContract(type, props);
    }
}

/// <summary>Writes clock events as flat JSON objects for the board displays.</summary>
public sealed class ClockEventSerializer
{
    private readonly ClockContractResolver _resolver;

    public ClockEventSerializer(ClockContractResolver? resolver = null)
    {
        _resolver = resolver ?? ClockContractResolver.Shared;
    }

    public string Serialize(object message)
    {
        var contract = _resolver.Resolve(message.GetType());
        var sb = new StringBuilder("{");
        for (int i = 0; i < contract.Properties.Length; i++)
        {
            var p = contract.Properties[i];
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append('"').Append(p.Name).Append("\":\"").Append(p.GetValue(message)).Append('"');
        }

        return sb.Append('}').ToString();
    }
}

public sealed record FlagFell(int Board, string Player, TimeSpan Remaining);
public sealed record MoveMade(int Board, string Player, string San, TimeSpan Remaining);
