using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Calls that hand a delegate to a UI thread instead of running it on the calling thread: a synchronization context's
/// <c>Post</c>/<c>Send</c>, a dispatcher's <c>Invoke</c>/<c>BeginInvoke</c>/<c>InvokeAsync</c>, a Windows Forms
/// control's <c>Invoke</c>, MAUI's <c>MainThread</c>, a Blazor component's <c>InvokeAsync</c>. Work started on another
/// thread that marshals its changes this way makes them on the thread where the object's own members run, so the
/// delegate's body is not part of the started work.
/// </summary>
/// <remarks>Matched by type and method names, so that no UI framework has to be referenced.</remarks>
internal static class UiThreadCalls
{
    /// <summary>Whether <paramref name="invocation"/> runs its delegate arguments on a UI thread.</summary>
    public static bool RunsOnUiThread(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return method.Name switch
        {
            "Post" or "Send" => DerivesFrom(method.ContainingType, "SynchronizationContext") || IsDispatcher(method.ContainingType),
            "Invoke" or "BeginInvoke" => IsDispatcher(method.ContainingType) || DerivesFrom(method.ContainingType, "Control") || Implements(method.ContainingType, "ISynchronizeInvoke"),
            "InvokeAsync" => IsDispatcher(method.ContainingType) || DerivesFrom(method.ContainingType, "ComponentBase"),
            "Dispatch" or "DispatchAsync" or "TryEnqueue" or "RunAsync" => IsDispatcher(method.ContainingType),
            "BeginInvokeOnMainThread" or "InvokeOnMainThreadAsync" => method.ContainingType?.Name == "MainThread",
            _ => false,
        };
    }

    private static bool IsDispatcher(INamedTypeSymbol? type)
        => type is not null && (type.Name is "Dispatcher" or "DispatcherQueue" or "CoreDispatcher" or "IDispatcher" || Implements(type, "IDispatcher"));

    private static bool DerivesFrom(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(INamedTypeSymbol? type, string name)
        => type is not null && (type.Name == name || type.AllInterfaces.Any(candidate => candidate.Name == name));
}
