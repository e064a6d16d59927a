using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The classes a compilation registers as singletons with Microsoft.Extensions.DependencyInjection
/// (<c>services.AddSingleton&lt;IClock, SystemClock&gt;()</c>, <c>AddSingleton&lt;Cache&gt;()</c>,
/// <c>AddSingleton(typeof(Cache))</c>, a factory, <c>TryAddSingleton…</c>): in an ASP.NET Core app or a worker host,
/// the one instance the container creates serves every request and every hosted service at once, so the type's
/// members run concurrently by contract. An instance registered as it is (<c>AddSingleton(registry)</c>) does not
/// count: the application built it, and such objects are usually filled while the services are configured.
/// </summary>
/// <remarks>
/// Found once per compilation: the files whose text names <c>AddSingleton</c> are bound at those calls only.
/// The extension methods are matched by name and namespace, so a compilation that declares its own (a test) counts too.
/// </remarks>
internal sealed class SingletonRegistrations
{
    private static readonly OncePerCompilation<SingletonRegistrations> ByCompilation = new(static (c, cancellationToken) => new SingletonRegistrations(c, cancellationToken));
    private static readonly string[] Words = ["AddSingleton", "TryAddSingleton"];

    private readonly Dictionary<INamedTypeSymbol, Location> _types = new(SymbolEqualityComparer.Default);
    private readonly HashSet<SyntaxTree> _declaringTrees = new();

    public static SingletonRegistrations For(Compilation compilation, CancellationToken cancellationToken)
        => ByCompilation.Get(compilation, cancellationToken);

    private SingletonRegistrations(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), Words))
            {
                continue;
            }

#pragma warning disable RS1030 // Registrations are in another file than the types they register; the driver's semantic-model cache serves these.
            var semanticModel = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var call in SourceWords.InvocationsNamed(tree.GetRoot(cancellationToken), Words))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ConcurrentEntryFinder.InvokedName(call.Expression) is "AddSingleton" or "TryAddSingleton"
                    && semanticModel.GetOperation(call, cancellationToken) is IInvocationOperation invocation
                    && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection"
                    && Registered(invocation) is { DeclaringSyntaxReferences.Length: > 0 } registered
                    && !_types.ContainsKey(registered.OriginalDefinition))
                {
                    _types[registered.OriginalDefinition] = call.GetLocation();
                    foreach (var reference in registered.DeclaringSyntaxReferences)
                    {
                        _declaringTrees.Add(reference.SyntaxTree);
                    }
                }
            }
        }
    }

    /// <summary>Where <paramref name="type"/> is registered as a singleton, or null when it is not.</summary>
    public Location? RegistrationOf(INamedTypeSymbol type) => _types.TryGetValue(type.OriginalDefinition, out var at) ? at : null;

    /// <summary>Whether <paramref name="tree"/> declares a part of a registered type.</summary>
    public bool DeclaresOneIn(SyntaxTree tree) => _declaringTrees.Contains(tree);

    /// <summary>The class whose instance the registration shares: the implementation type, else the service type when it is a class.</summary>
    private static INamedTypeSymbol? Registered(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        ITypeSymbol? type = method.TypeArguments.Length switch
        {
            2 => method.TypeArguments[1],
            1 => method.TypeArguments[0],
            _ => null,
        };

        foreach (var argument in invocation.Arguments)
        {
            switch (argument.Value)
            {
                case ITypeOfOperation typeOf when argument.Parameter?.Name is "implementationType" || type is null:
                    type = typeOf.TypeOperand;
                    break;
                case { } when argument.Parameter?.Name == "implementationInstance":
                    // An instance the application built and registers as it is: often a registry or options object
                    // filled while the services are configured (Quartz.NET's SchedulerNameRegistry), not at once.
                    return null;
            }
        }

        return type as INamedTypeSymbol is { TypeKind: TypeKind.Class } named ? named : null;
    }
}
