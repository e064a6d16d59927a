using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
/// <para>Found once per compilation: the files whose text names <c>AddSingleton</c> are bound at those calls only.
/// The extension methods are matched by name and namespace, so a compilation that declares its own (a test) counts too.</para>
/// <para>A class of the compilation that a hosted service's constructor takes, and that a request handler takes too (a
/// minimal-API endpoint's lambda parameter, a controller's or hub's constructor), counts as registered even where its
/// registration is out of sight (an extension method of another assembly, a factory, configuration): the container
/// gives a hosted service singletons or new objects, and a new object per consumer would leave the handlers reading a
/// state the loop never fills; the design works only if both hold the one instance (set aw R10: a monitor's loop
/// refreshing a board that endpoints read).</para>
/// </remarks>
internal sealed class SingletonRegistrations
{
    private static readonly OncePerCompilation<SingletonRegistrations> ByCompilation = new(static (c, cancellationToken) => new SingletonRegistrations(c, cancellationToken));
    private static readonly string[] Words = ["AddSingleton", "TryAddSingleton"];
    private static readonly string[] EndpointWords = ["MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods"];
    private static readonly string[] HandlerBases = ["ControllerBase", "Controller", "Hub"];

    private readonly Dictionary<INamedTypeSymbol, Registration> _types = new(SymbolEqualityComparer.Default);
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
                    Add(registered, new Registration(call.GetLocation(), hostedService: null));
                }
            }
        }

        AddInjectedIntoServiceAndHandler(compilation, cancellationToken);
    }

    /// <summary>Where and how <paramref name="type"/> is registered as a singleton, or null when it is not.</summary>
    public Registration? RegistrationOf(INamedTypeSymbol type) => _types.TryGetValue(type.OriginalDefinition, out var registration) ? registration : null;

    /// <summary>Whether <paramref name="tree"/> declares a part of a registered type.</summary>
    public bool DeclaresOneIn(SyntaxTree tree) => _declaringTrees.Contains(tree);

    private void Add(INamedTypeSymbol type, Registration registration)
    {
        _types[type.OriginalDefinition] = registration;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            _declaringTrees.Add(reference.SyntaxTree);
        }
    }

    /// <summary>
    /// Adds the classes of the compilation that a hosted service's constructor takes and a request handler takes too
    /// (see the remarks). From syntax first: only a compilation with a hosted service looks for handlers, and only the
    /// parameters whose type is spelt with the name of such a class are bound.
    /// </summary>
    private void AddInjectedIntoServiceAndHandler(Compilation compilation, CancellationToken cancellationToken)
    {
        var hostingWords = HostedServiceBases.Words(compilation, cancellationToken);
        var injected = new Dictionary<string, List<(INamedTypeSymbol Type, string Service)>>(StringComparer.Ordinal);
        foreach (var (tree, declaration) in ClassesDerivingFrom(compilation, hostingWords, cancellationToken))
        {
            var semanticModel = ModelOf(compilation, tree);
            if (semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not { } service || !LexicalLocking.IsHostedService(service))
            {
                continue;
            }

            foreach (var parameter in ConstructorParameters(declaration))
            {
                if (parameter.Type is { } typeSyntax
                    && HostedServiceBases.RightmostName(typeSyntax) is { } name
                    && semanticModel.GetDeclaredSymbol(parameter, cancellationToken)?.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, DeclaringSyntaxReferences.Length: > 0 } type
                    && !_types.ContainsKey(type.OriginalDefinition))
                {
                    if (!injected.TryGetValue(name, out var services))
                    {
                        injected[name] = services = [];
                    }

                    services.Add((type, service.Name));
                }
            }
        }

        if (injected.Count == 0)
        {
            return;
        }

        foreach (var (tree, parameter) in HandlerParameters(compilation, cancellationToken))
        {
            if (parameter.Type is not { } typeSyntax
                || HostedServiceBases.RightmostName(typeSyntax) is not { } name
                || !injected.TryGetValue(name, out var services)
                || ModelOf(compilation, tree).GetDeclaredSymbol(parameter, cancellationToken)?.Type is not INamedTypeSymbol type)
            {
                continue;
            }

            foreach (var (candidate, service) in services)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, type.OriginalDefinition) && !_types.ContainsKey(candidate.OriginalDefinition))
                {
                    Add(candidate, new Registration(parameter.GetLocation(), service));
                }
            }
        }
    }

    /// <summary>The parameters of minimal-API endpoint lambdas, and of the constructors of controllers and hubs.</summary>
    private static IEnumerable<(SyntaxTree Tree, ParameterSyntax Parameter)> HandlerParameters(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), EndpointWords))
            {
                continue;
            }

            foreach (var call in SourceWords.InvocationsNamed(tree.GetRoot(cancellationToken), EndpointWords))
            {
                foreach (var argument in call.ArgumentList.Arguments)
                {
                    if (argument.Expression is ParenthesizedLambdaExpressionSyntax lambda)
                    {
                        foreach (var parameter in lambda.ParameterList.Parameters)
                        {
                            yield return (tree, parameter);
                        }
                    }
                }
            }
        }

        foreach (var (tree, declaration) in ClassesDerivingFrom(compilation, HandlerBases, cancellationToken))
        {
            foreach (var parameter in ConstructorParameters(declaration))
            {
                yield return (tree, parameter);
            }
        }
    }

    /// <summary>The class declarations whose first base type is spelt with one of <paramref name="bases"/>, in the files that name one.</summary>
    private static IEnumerable<(SyntaxTree Tree, ClassDeclarationSyntax Declaration)> ClassesDerivingFrom(Compilation compilation, string[] bases, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), bases))
            {
                continue;
            }

            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is ClassDeclarationSyntax { BaseList.Types: { Count: > 0 } types } declaration
                    && HostedServiceBases.RightmostName(types[0].Type) is { } name
                    && Array.IndexOf(bases, name) >= 0)
                {
                    yield return (tree, declaration);
                }
            }
        }
    }

    /// <summary>The parameters of a class's primary constructor and of its declared constructors.</summary>
    private static IEnumerable<ParameterSyntax> ConstructorParameters(ClassDeclarationSyntax declaration)
    {
        if (declaration.ParameterList is { } primary)
        {
            foreach (var parameter in primary.Parameters)
            {
                yield return parameter;
            }
        }

        foreach (var member in declaration.Members)
        {
            if (member is ConstructorDeclarationSyntax constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                foreach (var parameter in constructor.ParameterList.Parameters)
                {
                    yield return parameter;
                }
            }
        }
    }

#pragma warning disable RS1030 // The services, handlers and the types they take are in other files than the one analysed; the driver's semantic-model cache serves these.
    private static SemanticModel ModelOf(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

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

    /// <summary>Where a class is registered as a singleton, and, for one found by injection, the hosted service that takes it.</summary>
    internal sealed class Registration
    {
        public Registration(Location location, string? hostedService)
        {
            Location = location;
            HostedService = hostedService;
        }

        /// <summary>The registration call, or the request handler's parameter.</summary>
        public Location Location { get; }

        /// <summary>The hosted service whose constructor takes the class, when no registration is in sight; null for a registration.</summary>
        public string? HostedService { get; }

        /// <summary>Why <paramref name="typeName"/>'s members run concurrently, for the message.</summary>
        public string Describe(string typeName)
        {
            var line = Location.GetLineSpan();
            var at = $"{System.IO.Path.GetFileName(line.Path)}, line {line.StartLinePosition.Line + 1}";
            return HostedService is null
                ? $"'{typeName}' is registered as a singleton ({at}), so every request shares one instance"
                : $"'{typeName}' is taken by the hosted service '{HostedService}' and by a request handler ({at}), so the service's loop and every request share one instance";
        }
    }
}
