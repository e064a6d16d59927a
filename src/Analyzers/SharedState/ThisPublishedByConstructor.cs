using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1007's shape of an object published by its own constructor (set az R09, a clock face that registers itself with a
/// hub's running tick loop and sets its time zone only after):
/// <code>
/// public ClockFace(string name, TimeZoneInfo zone) { Name = name; TowerTickHub.Register(this); _zone = zone; }
/// public static void Register(ClockFace face) { Faces[face.Name] = face; _ = Loop.Value; }   // Loop: Task.Run(RunAsync)
/// </code>
/// The hub keeps the object in its static state, which the work it starts reads: that work can call the object's
/// members before the constructor has set the fields they read. Reported at the call that hands out <c>this</c>, when
/// the method is a static method of another type of the compilation that stores its parameter in a static field or
/// collection of its type, that type starts work of its own (a task, a thread, a timer), and a field the constructor
/// sets after the call is read by another member of the object.
/// </summary>
internal static class ThisPublishedByConstructor
{
    private static readonly HashSet<string> Keeps = new(System.StringComparer.Ordinal)
    {
        "Add", "TryAdd", "Enqueue", "Push", "Insert", "AddOrUpdate", "GetOrAdd", "Post", "TryWrite",
    };

    public static void Find(SemanticModelAnalysisContext file, DiagnosticDescriptor rule)
    {
        var tree = file.SemanticModel.SyntaxTree;
        foreach (var constructor in Constructors(tree.GetRoot(file.CancellationToken)))
        {
            if (file.FilterSpan is { } span && !span.IntersectsWith(constructor.Span))
            {
                continue;
            }

            file.CancellationToken.ThrowIfCancellationRequested();
            Analyze(file, constructor, rule);
        }
    }

    /// <summary>The instance constructors with a body, found through the namespaces and types only (no walk of bodies).</summary>
    private static IEnumerable<ConstructorDeclarationSyntax> Constructors(SyntaxNode node)
    {
        var members = node switch
        {
            CompilationUnitSyntax unit => unit.Members,
            BaseNamespaceDeclarationSyntax space => space.Members,
            ClassDeclarationSyntax type => type.Members,
            _ => default,
        };
        foreach (var member in members)
        {
            if (member is ConstructorDeclarationSyntax { Body: not null } constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                yield return constructor;
            }
            else if (member is BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax)
            {
                foreach (var nested in Constructors(member))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void Analyze(SemanticModelAnalysisContext file, ConstructorDeclarationSyntax constructor, DiagnosticDescriptor rule)
    {
        var statements = constructor.Body!.Statements;
        for (var i = 0; i < statements.Count - 1; i++)
        {
            if (statements[i] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call })
            {
                continue;
            }

            var ordinal = call.ArgumentList.Arguments.IndexOf(argument => argument.NameColon is null && argument.Expression is ThisExpressionSyntax);
            if (ordinal < 0)
            {
                continue;
            }

            // The fields set after the call: cheap to find, so looked for before anything is bound.
            var setAfter = new List<(string Field, AssignmentExpressionSyntax Store)>();
            for (var j = i + 1; j < statements.Count; j++)
            {
                if (statements[j] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax store } && FieldNames.Written(store.Left) is { } field)
                {
                    setAfter.Add((field, store));
                }
            }

            if (setAfter.Count == 0
                || file.SemanticModel.GetDeclaredSymbol(constructor, file.CancellationToken)?.ContainingType is not { } type
                || file.SemanticModel.GetSymbolInfo(call, file.CancellationToken).Symbol is not IMethodSymbol { IsStatic: true } method
                || SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                || ordinal >= method.Parameters.Length
                || !KeepsParameter(method, method.Parameters[ordinal].Name, file.CancellationToken)
                || StartedWork(method.ContainingType!, file.CancellationToken) is not { } work)
            {
                return;
            }

            foreach (var (field, store) in setAfter)
            {
                if (type.GetMembers(field).Any(member => member is IFieldSymbol { IsStatic: false, IsConst: false } || member is IPropertySymbol { IsStatic: false })
                    && ReadElsewhere(type, field, file.CancellationToken))
                {
                    var storeLine = store.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    var workLine = work.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    file.ReportDiagnostic(Diagnostic.Create(
                        rule,
                        call.GetLocation(),
                        [store.GetLocation(), work.GetLocation()],
                        type.Name,
                        $"its constructor passes 'this' to '{method.ContainingType!.Name}.{method.Name}', which keeps it in static state, and sets '{field}' only after that (line {storeLine}); the work '{method.ContainingType.Name}' starts",
                        workLine));
                    return;
                }
            }

            return;
        }
    }

    /// <summary>Whether <paramref name="method"/> stores its parameter in a static field or collection of its own type.</summary>
    private static bool KeepsParameter(IMethodSymbol method, string parameter, CancellationToken cancellationToken)
    {
        var registrar = method.ContainingType!;
        bool IsStaticField(ExpressionSyntax expression)
            => FieldNames.Written(expression) is { } name && registrar.GetMembers(name).Any(member => member is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true });

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    // 'Faces[face.Name] = face', 's_current = face'
                    case AssignmentExpressionSyntax { Right: IdentifierNameSyntax { Identifier.ValueText: var stored }, Left: var target } when stored == parameter
                        && (target is ElementAccessExpressionSyntax { Expression: var map } ? IsStaticField(map) : IsStaticField(target)):
                        return true;

                    // 'Faces.TryAdd(face.Name, face)', 's_faces.Add(face)'
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var kept, Expression: var collection } } keeping
                        when Keeps.Contains(kept) && IsStaticField(collection)
                             && keeping.ArgumentList.Arguments.Any(argument => argument.Expression is IdentifierNameSyntax { Identifier.ValueText: var passed } && passed == parameter):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where <paramref name="type"/> starts work of its own (<c>Task.Run</c>, <c>new Thread</c>, a timer), or null.</summary>
    private static SyntaxNode? StartedWork(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Factory" } } }:
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" } }:
                    case ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "Thread" or "Timer" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Thread" or "Timer" } }:
                        return node;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a member of <paramref name="type"/> other than its constructors names <paramref name="field"/>.</summary>
    private static bool ReadElsewhere(INamedTypeSymbol type, string field, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                if (member is not (ConstructorDeclarationSyntax or FieldDeclarationSyntax or BaseTypeDeclarationSyntax)
                    && SourceWords.AnyToken(member, token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == field))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
