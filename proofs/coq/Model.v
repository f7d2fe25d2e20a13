(** * The model of Cai and Zheng's "Asymptotic Universal Alignment", from the definitions.

    Responses are ['I_n]. A profile is a finite type [U] of user types with weights [w u]
    (nonnegative, summing to 1) and a level function [lev u : 'I_n -> nat]: a smaller level
    is better, equal levels are ties, so every weak order is covered.

    A contest puts slots in front of a user, each slot holding a response. The user's best
    class is the set of slots whose level is [<=] every other slot's level (the slots holding
    the smallest level). A slot's share of the unit prize is its membership in the best class
    divided by the size of the best class: the user picks a best slot uniformly.

    Everything here is a definition; every closed form is a lemma proved equal to these
    definitions (in [Contest.v], [Deviation.v], [Game.v] and the files after them). The
    theorem statements a reviewer must read are in [Statements.v]. *)

From mathcomp Require Import all_ssreflect all_algebra.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(** The four tie rules, for a k-slot side (the model) against an l-slot side. *)
Inductive rule := Share | Half | Weak | Strict.

Section Model.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

(** A profile: weights are nonnegative and sum to 1. *)
Definition profile := (forall u, 0 <= w u) /\ \sum_u w u = 1.

(** A lottery over responses. *)
Definition lottery (p : 'I_n -> R) := (forall y, 0 <= p y) /\ \sum_y p y = 1.

(** The point mass on [y]. *)
Definition point (y : 'I_n) : 'I_n -> R := fun z => (z == y)%:R.

(** ** Contests *)

(** The best class of user [u] among the slots [I] filled by [s]. *)
Definition best (u : U) (I : finType) (s : {ffun I -> 'I_n}) : {set I} :=
  [set i | [forall j, (lev u (s i) <= lev u (s j))%N]].

(** Slot [i]'s share of the unit prize. *)
Definition slot_share (u : U) (I : finType) (s : {ffun I -> 'I_n}) (i : I) : R :=
  (i \in best u s)%:R / #|best u s|%:R.

(** The model's [k] slots and the competitor's [l] slots, side by side. *)
Definition join k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n})
  : {ffun 'I_k + 'I_l -> 'I_n} :=
  [ffun i => match i with inl a => S a | inr b => T b end].

(** How many of the model's slots, and of the competitor's, are in the best class. *)
Definition model_best u k l S T := #|[set a : 'I_k | inl a \in best u (@join k l S T)]|.
Definition comp_best u k l S T := #|[set b : 'I_l | inr b \in best u (@join k l S T)]|.

(** The model's share of the prize under each tie rule (see the README's table). *)
Definition wins (r : rule) (u : U) k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n})
  : R :=
  let a := model_best u S T in
  let b := comp_best u S T in
  match r with
  | Share => a%:R / (a + b)%:R
  | Half => if b == 0%N then 1 else if a == 0%N then 0 else 2^-1
  | Weak => (0 < a)%N%:R
  | Strict => (b == 0%N)%:R
  end.

(** ** Policies *)

(** A k-output policy is any distribution over k-tuples of responses (a joint policy). *)
Definition policy k (P : {ffun 'I_k -> 'I_n} -> R) :=
  (forall s, 0 <= P s) /\ \sum_s P s = 1.

(** The product policy: k independent draws from the lottery [p]. *)
Definition product k (p : 'I_n -> R) : {ffun 'I_k -> 'I_n} -> R :=
  fun s => \prod_i p (s i).

(** The self-play mixture: pick [t] uniformly among [T] lotteries, then draw k times. *)
Definition mixture k T (pis : 'I_T -> 'I_n -> R) : {ffun 'I_k -> 'I_n} -> R :=
  fun s => T%:R^-1 * \sum_t product (pis t) s.

(** The average of [T] lotteries (the averaged self-play iterate). *)
Definition average T (pis : 'I_T -> 'I_n -> R) : 'I_n -> R :=
  fun y => T%:R^-1 * \sum_t pis t y.

(** The win rate: the expectation over users, model tuples and competitor tuples. *)
Definition win_rate (r : rule) k l (P : {ffun 'I_k -> 'I_n} -> R)
    (Q : {ffun 'I_l -> 'I_n} -> R) : R :=
  \sum_u w u * \sum_S \sum_T P S * Q T * wins r u S T.

(** A single-output competitor is any lottery [q], as the 1-output policy [product 1 q]. *)
Definition win_rate1 (r : rule) k (P : {ffun 'I_k -> 'I_n} -> R) (q : 'I_n -> R) : R :=
  win_rate r P (@product 1 q).

(** [P] is (k, f)-robust: it wins at least [f] against every single-output lottery. *)
Definition robust (r : rule) k (P : {ffun 'I_k -> 'I_n} -> R) (f : R) :=
  forall q, lottery q -> f <= win_rate1 r P q.

(** [P] is (k, l, f)-robust: it wins at least [f] against every l-output competitor, any
    distribution over l-tuples (a joint policy; products are among them). *)
Definition robust_vs (r : rule) k l (P : {ffun 'I_k -> 'I_n} -> R) (f : R) :=
  forall Q : {ffun 'I_l -> 'I_n} -> R, policy Q -> f <= win_rate r P Q.

(** ** The (k+1)-player alignment game *)

(** Player 0 picks [y], the other [k] players' picks are [s]. *)
Definition cons_slot k (y : 'I_n) (s : {ffun 'I_k -> 'I_n}) : {ffun 'I_k.+1 -> 'I_n} :=
  [ffun i => if unlift ord0 i is Some j then s j else y].

(** The deviation payoff: response [y]'s expected prize against k draws from [p]. *)
Definition dev k (p : 'I_n -> R) (y : 'I_n) : R :=
  \sum_u w u * \sum_(s : {ffun 'I_k -> 'I_n}) @product k p s * slot_share u (cons_slot y s) ord0.

(** For the closed form of [dev]: the mass of the responses user [u] ranks strictly below
    [y]'s class, and the mass of [y]'s class (ties included, [y] itself too). *)
Definition below u (p : 'I_n -> R) (y : 'I_n) : R := \sum_(z | (lev u y < lev u z)%N) p z.
Definition tied u (p : 'I_n -> R) (y : 'I_n) : R := \sum_(z | lev u z == lev u y) p z.

(** [p] is an eps-symmetric equilibrium: no response gains more than eps over [p]'s own. *)
Definition equilibrium k (p : 'I_n -> R) (eps : R) :=
  lottery p /\ forall y, dev k p y <= \sum_z p z * dev k p z + eps.

(** A pure profile [c] of the game (player [i] picks [c i]) and player [i]'s prize in it. *)
Definition pure_prize k (c : {ffun 'I_k.+1 -> 'I_n}) (i : 'I_k.+1) : R :=
  \sum_u w u * slot_share u c i.

(** [c] is a pure Nash equilibrium: no player gains by switching response alone. *)
Definition pure_nash k (c : {ffun 'I_k.+1 -> 'I_n}) :=
  forall i y, pure_prize [ffun j => if j == i then y else c j] i <= pure_prize c i.

(** ** NLHF *)

(** A maximal lottery (the unregularised NLHF solution): it wins at least 1/2 against every
    single-output competitor lottery, in the 1-output contest under the share rule. *)
Definition maximal (p : 'I_n -> R) :=
  lottery p /\ forall q, lottery q -> 2^-1 <= win_rate1 Share (@product 1 p) q.

End Model.
