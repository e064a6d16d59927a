using System.Reflection;
using System.Text;

namespace Api.Documentation;

/// <summary>
/// Describes an API endpoint for the generated docs page. Descriptors are shared
/// across requests; the display signature is built on first use and then reused.
/// </summary>
public sealed class EndpointDescriptor
{
    private readonly MethodInfo _handler;
    private string? _signature;

    public EndpointDescriptor(string httpMethod, string route, MethodInfo handler)
    {
        HttpMethod = httpMethod;
        Route = route;
        _handler = handler;
    }

    public string HttpMethod { get; }

    public string Route { get; }

    public string Signature
    {
        get
        {
            var cached = Volatile.Read(ref _signature);
            if (cached is not null)
                return cached;

            var built = BuildSignature();
            return Interlocked.CompareExchange(ref _signature, built, null) ?? built;
        }
    }

    private string BuildSignature()
    {
        var sb = new StringBuilder();
        sb.Append(HttpMethod.ToUpperInvariant()).Append(' ').Append(Route).Append(" → ");
        sb.Append(FriendlyName(_handler.ReturnType)).Append(' ').Append(_handler.Name).Append('(');

        var parameters = _handler.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (i > 0)
                sb.Append(", ");
            sb.Append(FriendlyName(parameters[i].ParameterType)).Append(' ').Append(parameters[i].Name);
        }

        return sb.Append(')').ToString();
    }

    private static string FriendlyName(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;

        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }
}

public sealed class ApiDocsPage
{
    private readonly IReadOnlyList<EndpointDescriptor> _endpoints;

    public ApiDocsPage(IEnumerable<EndpointDescriptor> endpoints) => _endpoints = endpoints.ToList();

    public string RenderIndex() =>
        string.Join(Environment.NewLine, _endpoints.OrderBy(e => e.Route).Select(e => e.Signature));
}
