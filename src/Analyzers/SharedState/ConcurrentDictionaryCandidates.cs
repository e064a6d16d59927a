using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1005's syntax pre-checks: which updates and conditions can involve a <c>ConcurrentDictionary</c> entry, decided
/// before the method body around them is bound.
/// </summary>
/// <remarks>
/// Binding a body costs far more than the rule itself, and the compiler's own binding is not shared with analyzers,
/// so the rule binds only where it can report: an element access (<c>x[k]</c>) written or checked with
/// <c>ContainsKey</c>/<c>TryGetValue</c>, whose receiver is not provably something else. A receiver that names a field
/// or property of the type (and no local or parameter of the member) is resolved from the member's declared type,
/// which binds nothing; anything else (a local, a call, another object's member) is bound. Every answer is "maybe"
/// or a proof of "no", so the rule reports exactly what it would report after binding everything.
/// </remarks>
internal static class ConcurrentDictionaryCandidates
{

    /// <summary>
    /// A text pre-check for <see cref="UpdatedElement"/>: where in the file an update that <see cref="UpdatedElement"/>
    /// keeps can be, as positions of a token inside it (empty when there is none, so the file is not walked at all), or
    /// null when the text cannot tell (a Unicode escape) and every node must be read.
    /// </summary>
    /// <remarks>
    /// Every such target ends in <c>]</c>, perhaps followed by <c>)</c> or <c>!</c>, before an increment, a decrement
    /// or an assignment operator: the position of that <c>]</c>. A plain <c>=</c> is kept only when its value, up to
    /// the next <c>;</c>, holds a <c>[</c> (the same entry read again), a <c>{</c> (a lambda or an initializer, which
    /// we do not read further) or a quote (a literal may hold the <c>;</c>). A prefix <c>++</c> or <c>--</c> counts
    /// when a <c>[</c> follows its operand's names, dots and parentheses: the position of the operator. A comment
    /// where an operator could be keeps its position. Most files of a real library have no element update at all, and
    /// walking every node of every file was a sixth of Forklift's time on NLog; walking every node of the files that
    /// have one was still most of FL1005's.
    /// </remarks>
    public static List<int>? ElementUpdatePositions(SourceText source)
    {
        var text = SourceWords.TextOf(source);
        if (SourceWords.HasUnicodeEscape(text))
        {
            return null;
        }

        // 'd[k] = v' where 'v' came from the same entry through a call ('d.GetValueOrDefault(k) + 1', or a local set
        // by 'd.TryGetValue(k, out var n)') holds no '[' in its value; only a file that names those calls can have it.
        var readsThroughCalls = text.IndexOf("TryGetValue", StringComparison.Ordinal) >= 0 || text.IndexOf("GetValueOrDefault", StringComparison.Ordinal) >= 0;
        var positions = new List<int>();
        for (var at = text.IndexOf(']'); at >= 0; at = text.IndexOf(']', at + 1))
        {
            if (UpdateFollows(text, at + 1, readsThroughCalls))
            {
                positions.Add(at);
            }
        }

        AddPrefixUpdatesOfElements(text, "++", positions);
        AddPrefixUpdatesOfElements(text, "--", positions);
        return positions;
    }

    /// <summary>Whether <see cref="ElementUpdatePositions"/> leaves anything to read in the file.</summary>
    public static bool MayContainElementUpdates(SourceText source) => ElementUpdatePositions(source) is not { Count: 0 };

    /// <summary>Whether an update operator follows an element access that ends just before <paramref name="position"/>.</summary>
    private static bool UpdateFollows(string text, int position, bool readsThroughCalls)
    {
        while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] is ')' or '!'))
        {
            position++;
        }

        if (position + 1 >= text.Length)
        {
            return false;
        }

        var (first, second) = (text[position], text[position + 1]);
        switch (first)
        {
            case '/':
                return true; // '/=' or a comment
            case '=':
                return second is not ('=' or '>') && (readsThroughCalls || ValueMayReadAnElement(text, position + 1));
            case '+' or '-' when second == first || second == '=':
                return true;
            case '*' or '%' or '&' or '|' or '^' when second == '=':
                return true;
            case '?':
                return second == '?' && position + 2 < text.Length && text[position + 2] == '=';
            case '<' or '>':
                var run = position;
                while (run < text.Length && text[run] == first)
                {
                    run++;
                }

                return run - position >= 2 && run < text.Length && text[run] == '=';
            default:
                return false;
        }
    }

    /// <summary>Whether the value of a plain assignment, from <paramref name="position"/> to the next <c>;</c>, may read an element.</summary>
    private static bool ValueMayReadAnElement(string text, int position)
    {
        var end = text.IndexOfAny(ValueEnds, position);
        return end < 0 || text[end] != ';';
    }

    private static readonly char[] ValueEnds = [';', '[', '{', '"', '\''];

    /// <summary>Adds the position of each <paramref name="op"/> in the text that is followed by an operand that holds a <c>[</c>.</summary>
    private static void AddPrefixUpdatesOfElements(string text, string op, List<int> positions)
    {
        for (var at = text.IndexOf(op, StringComparison.Ordinal); at >= 0; at = text.IndexOf(op, at + 1, StringComparison.Ordinal))
        {
            for (var position = at + op.Length; position < text.Length; position++)
            {
                var c = text[position];
                if (c == '[' || c == '/')
                {
                    positions.Add(at); // an element, or a comment we do not read past
                    break;
                }

                if (!(SourceWords.IsAsciiWordChar(c) || char.IsWhiteSpace(c) || c is '.' or '(' or ')' or '!' or '?' or '@' || c > 127))
                {
                    break;
                }
            }
        }
    }

    /// <summary>The written or incremented element access of an update, or null when the target is not an element access.</summary>
    public static ExpressionSyntax? UpdatedElement(SyntaxNode node) => node switch
    {
        // A plain 'x[k] = v' updates an entry only when 'v' reads the same one ('d[k] = d[k] * 2'), which the rule
        // recognizes as the same variable or member with an equivalent key: arrays and buffers filled or copied element
        // by element, the common case, are skipped before anything is bound.
        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } plain when !ReadsSameElement(plain) => null,
        AssignmentExpressionSyntax assignment => ElementAccess(assignment.Left),
        PostfixUnaryExpressionSyntax postfix => ElementAccess(postfix.Operand),
        PrefixUnaryExpressionSyntax prefix => ElementAccess(prefix.Operand),
        _ => null,
    };

    /// <summary>
    /// Whether the value of <c>x[k] = v</c> has an element access <c>x[k]</c> of the same name and an equivalent key
    /// (parentheses, casts and <c>!</c> aside): what the rule needs, after binding, to call it a read of the same entry.
    /// </summary>
    private static bool ReadsSameElement(AssignmentExpressionSyntax plain)
    {
        if (StripParentheses(plain.Left) is not ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } target
            || ReceiverName(target.Expression) is not { } name)
        {
            return false; // a receiver that is not a name (a call, an element) is never the same entry to the rule
        }

        var key = StripKey(target.ArgumentList.Arguments[0].Expression);
        return plain.Right.DescendantNodesAndSelf().Any(node => ReadsElement(node, name, key)
            || node is IdentifierNameSyntax local && LocalReadsElement(plain, local.Identifier.ValueText, name, key));
    }

    /// <summary><c>x[k]</c> or <c>x.GetValueOrDefault(k)</c>, with <paramref name="name"/> for <c>x</c> and an equivalent key.</summary>
    private static bool ReadsElement(SyntaxNode node, string name, ExpressionSyntax key) => node switch
    {
        ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } access
            => ReceiverName(access.Expression) == name && StripKey(arguments[0].Expression).IsEquivalentTo(key, topLevel: false),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetValueOrDefault" } call, ArgumentList.Arguments: { Count: > 0 } arguments }
            => ReceiverName(call.Expression) == name && StripKey(arguments[0].Expression).IsEquivalentTo(key, topLevel: false),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="local"/> is set, before <paramref name="assignment"/> in its member, from the same
    /// element: <c>var n = x[k]</c>, <c>var n = x.GetValueOrDefault(k)</c>, or <c>x.TryGetValue(k, out n)</c>.
    /// </summary>
    private static bool LocalReadsElement(AssignmentExpressionSyntax assignment, string local, string name, ExpressionSyntax key)
    {
        if (assignment.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
            || DeclarationsOf(member, local) is not { Count: > 0 } declarations)
        {
            return false;
        }

        foreach (var token in declarations)
        {
            if (token.SpanStart >= assignment.SpanStart)
            {
                continue;
            }

            switch (token.Parent)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } when ReadsElement(StripKey(value), name, key):
                    return true;
                case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax argument } } when IsTryGetValueOut(argument, name, key):
                    return true;
            }
        }

        // 'x.TryGetValue(k, out n)' into a local declared before it: only the local's own name is looked at, not every
        // argument of the member.
        foreach (var token in SourceWords.IdentifiersNamed(member, local))
        {
            if (token.SpanStart < assignment.SpanStart && token.Parent is IdentifierNameSyntax { Parent: ArgumentSyntax argument } written && argument.Expression == written
                && IsTryGetValueOut(argument, name, key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTryGetValueOut(ArgumentSyntax argument, string name, ExpressionSyntax key)
        => argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)
           && argument.Parent is ArgumentListSyntax { Arguments: { Count: 2 } arguments, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" } call } }
           && ReceiverName(call.Expression) == name && StripKey(arguments[0].Expression).IsEquivalentTo(key, topLevel: false);

    private static string? ReceiverName(ExpressionSyntax receiver) => StripParentheses(receiver) switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
        _ => null,
    };

    private static ExpressionSyntax StripKey(ExpressionSyntax key)
    {
        key = StripParentheses(key);
        while (key is CastExpressionSyntax cast)
        {
            key = StripParentheses(cast.Expression);
        }

        return key;
    }

    /// <summary>The receiver of the <c>ContainsKey</c>/<c>TryGetValue</c> call a condition tests, as FL1005's check reads it.</summary>
    public static ExpressionSyntax? CheckedDictionary(ExpressionSyntax condition)
    {
        condition = StripNot(condition);
        if (condition is BinaryExpressionSyntax binary && binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression)
        {
            return CheckReceiver(StripParentheses(binary.Left)) ?? CheckReceiver(StripParentheses(binary.Right));
        }

        return CheckReceiver(condition);
    }

    /// <summary>
    /// False only when <paramref name="receiver"/> is provably not a <c>ConcurrentDictionary</c>: a field or property
    /// of the enclosing type (or its bases, or an enclosing type) of another type, not shadowed by a local or
    /// parameter of the same name, or an expression whose type, bound on its own, is another type.
    /// </summary>
    public static bool MayBeDictionary(ExpressionSyntax receiver, SemanticModel semanticModel, INamedTypeSymbol dictionary, CancellationToken cancellationToken)
        => MayBeDictionaryByDeclaration(receiver, semanticModel, dictionary, cancellationToken)
           && MayBeDictionaryAlone(StripParentheses(receiver), semanticModel, dictionary);

    /// <summary>
    /// For an element access with no receiver (<c>new T { [k] = v }</c>): false only when it initializes an object
    /// created with an explicit type that binds, on its own, to another type than <c>ConcurrentDictionary</c>.
    /// </summary>
    public static bool InitializedObjectMayBeDictionary(ExpressionSyntax elementAccess, SemanticModel semanticModel, INamedTypeSymbol dictionary)
    {
        var createdType = StripParentheses(elementAccess) is ImplicitElementAccessSyntax { Parent: AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: { } creation } } }
            ? creation switch
            {
                ObjectCreationExpressionSyntax explicitType => explicitType.Type,

                // 'T x = new() { [k] = v }', a field or a local declared with its type.
                ImplicitObjectCreationExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false } declaration } } } => declaration.Type,
                _ => null,
            }
            : null;
        return createdType is null || !IsNotDictionary(createdType, semanticModel, dictionary);
    }

    /// <summary>
    /// The receiver bound on its own at its position (a speculative binding of the expression alone: its locals'
    /// declarations are bound as far as their types need, the rest of the body is not). FL1005 reports only an
    /// instance whose type is exactly <c>ConcurrentDictionary&lt;,&gt;</c>, so any other type the expression has,
    /// bound alone, is a proof of "no"; nothing (an error, a lambda parameter only the whole body infers) is "maybe".
    /// </summary>
    private static bool MayBeDictionaryAlone(ExpressionSyntax receiver, SemanticModel semanticModel, INamedTypeSymbol dictionary)
    {
        // Bound from a parse of its text (cheaper than a trivia-free copy of the node, which JITs the rewriters).
        var copy = SyntaxFactory.ParseExpression(receiver.ToString());
        var type = copy.ContainsDiagnostics ? null : semanticModel.GetSpeculativeTypeInfo(receiver.SpanStart, copy, SpeculativeBindingOption.BindAsExpression).Type;
        return type is null or IErrorTypeSymbol || type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, dictionary);
    }

    private static bool MayBeDictionaryByDeclaration(ExpressionSyntax receiver, SemanticModel semanticModel, INamedTypeSymbol dictionary, CancellationToken cancellationToken)
    {
        receiver = StripParentheses(receiver);
        string name;
        switch (receiver)
        {
            case IdentifierNameSyntax identifier:
                name = identifier.Identifier.ValueText;
                if (name == "value")
                {
                    return true; // a setter's 'value': only binding knows its type
                }

                switch (LocalDeclarations(identifier, name, semanticModel, dictionary))
                {
                    case Locals.MayBeDictionary:
                        return true;
                    case Locals.NoneIsDictionary when IsInScopeOfLocal(identifier, name):
                        return false; // it names one of the locals or parameters, none of them a ConcurrentDictionary
                }

                break;
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: IdentifierNameSyntax member }:
                name = member.Identifier.ValueText;
                break;
            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access:
                // x.F[k]: another object's field or property, resolved from x's declared type when that is provable.
                return DeclaredTypeOf(StripParentheses(access.Expression), semanticModel, cancellationToken) is not { } owner
                    || MemberMayBeDictionary(owner, member.Identifier.ValueText, dictionary);
            default:
                return true;
        }

        if (receiver.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return true;
        }

        for (var scope = type; scope is not null; scope = scope.ContainingType)
        {
            if (DeclaredMemberMayBeDictionary(scope, name, dictionary) is { } answer)
            {
                return answer;
            }
        }

        return true; // a static import, or something only binding resolves
    }

    /// <summary>
    /// The type of <paramref name="expression"/> when its declaration alone proves it: a local or parameter of the
    /// member declared once with an explicit type, or a field or property of the enclosing types (or <c>this.x</c>)
    /// that no local or parameter shadows. Null when only binding tells.
    /// </summary>
    private static ITypeSymbol? DeclaredTypeOf(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        string name;
        switch (expression)
        {
            case IdentifierNameSyntax identifier:
                name = identifier.Identifier.ValueText;
                if (name == "value")
                {
                    return null;
                }

                if (SingleLocalDeclaration(identifier, name) is { } declaration)
                {
                    return IsInScopeOfLocal(identifier, name) && DeclaredType(declaration) is { } type ? BindTypeAlone(type, semanticModel) : null;
                }

                if (IsInScopeOfLocal(identifier, name))
                {
                    return null;
                }

                break;
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member }:
                name = member.Identifier.ValueText;
                break;
            default:
                return null;
        }

        if (expression.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } typeDeclaration
            || semanticModel.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not INamedTypeSymbol enclosing)
        {
            return null;
        }

        for (var scope = enclosing; scope is not null; scope = scope.ContainingType)
        {
            for (var current = scope; current is not null; current = current.BaseType)
            {
                var members = current.GetMembers(name);
                if (!members.IsEmpty)
                {
                    return members.Length == 1 ? members[0] switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol property => property.Type,
                        _ => null,
                    } : null;
                }
            }
        }

        return null;
    }

    /// <summary>Whether member <paramref name="name"/> of <paramref name="owner"/> may be a <c>ConcurrentDictionary</c> (true when it is not found as a field or property).</summary>
    private static bool MemberMayBeDictionary(ITypeSymbol owner, string name, INamedTypeSymbol dictionary)
        => owner is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named // interfaces, type parameters, arrays: only binding tells
           || (DeclaredMemberMayBeDictionary(named, name, dictionary) ?? true);

    /// <summary>
    /// For the innermost declaration of <paramref name="name"/> in <paramref name="type"/> or its bases (as C# lookup
    /// finds it): whether it may be a <c>ConcurrentDictionary</c>, true unless it is a field or property of another
    /// type. Null when neither declares the name.
    /// </summary>
    private static bool? DeclaredMemberMayBeDictionary(INamedTypeSymbol type, string name, INamedTypeSymbol dictionary)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var members = current.GetMembers(name);
            if (members.IsEmpty)
            {
                continue;
            }

            foreach (var symbol in members)
            {
                var memberType = symbol switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
                if (memberType is null or ITypeParameterSymbol || SymbolEqualityComparer.Default.Equals(memberType.OriginalDefinition, dictionary))
                {
                    return true;
                }
            }

            return false;
        }

        return null;
    }

    /// <summary>The one declaration of <paramref name="name"/> in the member around <paramref name="use"/>, or null when there is none or several.</summary>
    private static SyntaxNode? SingleLocalDeclaration(SyntaxNode use, string name)
    {
        var member = use.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return member is not null && DeclarationsOf(member, name) is { Count: 1 } found ? found[0].Parent : null;
    }

    /// <summary>The identifiers of <paramref name="scope"/> named <paramref name="name"/> that declare something (not a use: their parent is not a name).</summary>
    private static List<SyntaxToken> DeclarationsOf(SyntaxNode scope, string name)
    {
        var declarations = new List<SyntaxToken>();
        foreach (var token in SourceWords.IdentifiersNamed(scope, name))
        {
            if (token.Parent is not (IdentifierNameSyntax or GenericNameSyntax))
            {
                declarations.Add(token);
            }
        }

        return declarations;
    }

    /// <summary>
    /// Types bound alone, per compilation, by the declaration whose scope decides what a type name means (the innermost
    /// type, or generic method or local function, around it) and the type's text: a speculative binding costs far
    /// more than the lookup, and one file names the same few types again and again (<c>new BsonDocument { … }</c>).
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<CompositeKey, ITypeSymbol?>> BoundTypes = new();

    private static ITypeSymbol? BindTypeAlone(TypeSyntax type, SemanticModel semanticModel)
    {
        SyntaxNode scope = type.SyntaxTree.GetRoot();
        for (var node = type.Parent; node is not null; node = node.Parent)
        {
            if (node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
                || node is MethodDeclarationSyntax { TypeParameterList: not null } or LocalFunctionStatementSyntax { TypeParameterList: not null })
            {
                scope = node;
                break;
            }
        }

        var cache = BoundTypes.GetValue(semanticModel.Compilation, static _ => new ConcurrentDictionary<CompositeKey, ITypeSymbol?>());
        var key = new CompositeKey(scope, type.ToString());
        if (!cache.TryGetValue(key, out var bound))
        {
            bound = SpeculativeType.Of(type, semanticModel);
            cache[key] = bound;
        }

        return bound;
    }

    private static ExpressionSyntax? ElementAccess(ExpressionSyntax target)
        => StripParentheses(target) is ElementAccessExpressionSyntax or ImplicitElementAccessSyntax ? target : null;

    /// <summary>The receiver of an element access, or null for an implicit one (<c>{ [k] = v }</c> in an object initializer).</summary>
    public static ExpressionSyntax? Receiver(ExpressionSyntax elementAccess)
        => StripParentheses(elementAccess) is ElementAccessExpressionSyntax access ? access.Expression : null;

    private static ExpressionSyntax? CheckReceiver(ExpressionSyntax condition)
        => condition is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContainsKey" or "TryGetValue" } access }
            ? access.Expression
            : null;

    private static ExpressionSyntax StripNot(ExpressionSyntax expression)
    {
        expression = StripParentheses(expression);
        while (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            expression = StripParentheses(not.Operand);
        }

        return expression;
    }

    internal static ExpressionSyntax StripParentheses(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    private enum Locals
    {
        None,
        NoneIsDictionary,
        MayBeDictionary,
    }

    /// <summary>
    /// The member's (and its type's primary constructor's) declarations of <paramref name="name"/>: none, all of a
    /// type that is provably not a <c>ConcurrentDictionary</c> (read from the declared type, bound on its own), or
    /// maybe one. Over-approximates: any declaration of the name anywhere in the member counts.
    /// </summary>
    private static Locals LocalDeclarations(SyntaxNode use, string name, SemanticModel semanticModel, INamedTypeSymbol dictionary)
    {
        SyntaxNode? member = null;
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is MemberDeclarationSyntax)
            {
                member = current;
                break;
            }
        }

        if (member is null)
        {
            return Locals.MayBeDictionary;
        }

        var found = Locals.None;
        var scopes = member.Parent is TypeDeclarationSyntax { ParameterList: { } primary } ? new[] { primary, member } : new[] { member };
        foreach (var scope in scopes)
        {
            var declared = DeclarationsOf(scope, name);
            if (declared.Count == 0)
            {
                continue;
            }

            foreach (var token in declared)
            {
                if (DeclaredType(token.Parent) is not { } type || !IsNotDictionary(type, semanticModel, dictionary))
                {
                    return Locals.MayBeDictionary;
                }

                found = Locals.NoneIsDictionary;
            }
        }

        return found;
    }

    /// <summary>The type syntax that declares a parameter or local, or null when only binding tells (<c>var</c> from a call, a lambda parameter…).</summary>
    private static TypeSyntax? DeclaredType(SyntaxNode? declaration) => declaration switch
    {
        ParameterSyntax parameter => parameter.Type,
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax variables } declarator => variables.Type.IsVar
            ? declarator.Initializer?.Value switch
            {
                ArrayCreationExpressionSyntax array => array.Type,
                ObjectCreationExpressionSyntax creation => creation.Type,
                _ => null,
            }
            : variables.Type,
        ForEachStatementSyntax { Type.IsVar: false } forEach => forEach.Type,
        SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Type.IsVar: false } expression } => expression.Type,
        SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax pattern } => pattern.Type,
        _ => null,
    };

    /// <summary>True when <paramref name="type"/> is certainly not <c>ConcurrentDictionary</c>: an array, pointer, tuple or keyword type, or a name that binds to another type.</summary>
    private static bool IsNotDictionary(TypeSyntax type, SemanticModel semanticModel, INamedTypeSymbol dictionary)
    {
        while (type is NullableTypeSyntax or RefTypeSyntax or ScopedTypeSyntax)
        {
            type = type switch
            {
                NullableTypeSyntax nullable => nullable.ElementType,
                RefTypeSyntax reference => reference.Type,
                _ => ((ScopedTypeSyntax)type).Type,
            };
        }

        if (type is ArrayTypeSyntax or PointerTypeSyntax or TupleTypeSyntax or PredefinedTypeSyntax or FunctionPointerTypeSyntax)
        {
            return true;
        }

        // Bound on its own at its position (a speculative binding of the type alone), not as part of the body.
        var bound = BindTypeAlone(type, semanticModel);
        return bound is not null && !SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, dictionary);
    }

    /// <summary>
    /// Whether <paramref name="use"/> is inside the scope of a parameter of its member or lambda, or of a local
    /// declared before it in an enclosing block, named <paramref name="name"/>: then it cannot name a field.
    /// </summary>
    private static bool IsInScopeOfLocal(SyntaxNode use, string name)
    {
        SyntaxNode child = use;
        for (var current = use.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax method when HasParameter(method.ParameterList, name):
                case LocalFunctionStatementSyntax local when HasParameter(local.ParameterList, name):
                case ParenthesizedLambdaExpressionSyntax lambda when HasParameter(lambda.ParameterList, name):
                case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == name:
                case AnonymousMethodExpressionSyntax { ParameterList: { } anonymous } when HasParameter(anonymous, name):
                case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name && child == forEach.Statement:
                case ForStatementSyntax { Declaration: { } declaration } when Declares(declaration, name):
                case UsingStatementSyntax { Declaration: { } usingDeclaration } when Declares(usingDeclaration, name):
                case FixedStatementSyntax fixedStatement when Declares(fixedStatement.Declaration, name):
                    return true;
                case BlockSyntax block when DeclaresBefore(block.Statements, child, name):
                case SwitchSectionSyntax section when DeclaresBefore(section.Statements, child, name):
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool HasParameter(BaseParameterListSyntax parameters, string name)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Declares(VariableDeclarationSyntax declaration, string name)
    {
        foreach (var variable in declaration.Variables)
        {
            if (variable.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresBefore(SyntaxList<StatementSyntax> statements, SyntaxNode child, string name)
    {
        foreach (var statement in statements)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is LocalDeclarationStatementSyntax local && Declares(local.Declaration, name))
            {
                return true;
            }
        }

        return false;
    }
}
