(** * One model, computed in the kernel: an executable copy over [Q], proved equal to [Model.v].

    An instance is given as lists: the users' weights [ws] (in [Q]) and level lists [levs],
    a lottery [ps] or a joint policy's support. [iw], [ilev], [ilot] read them as the model's
    weights, levels and lotteries over any real field. The functions [e*] compute, in binary
    rationals, the model's deviation payoffs, win rates and pure-profile prizes by enumerating
    tuples; the theorems [*_exec] prove that [q2r] of each is the model's value, so a value
    computed by [vm_compute] is a value of the definitions the theorems are about. *)

From Coq Require Import QArith.
From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import QtoR Model Contest Sums Lists.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(** ** The executable copy (no mathcomp structure: it reduces in the kernel) *)

Notation Q0 := (Qmake 0 1).
Notation Q1 := (Qmake 1 1).

Definition qsum (A : Type) (l : seq A) (f : A -> Q) : Q :=
  foldr (fun x acc => Qred (Qplus (f x) acc)) Q0 l.
Definition qprod (A : Type) (l : seq A) (f : A -> Q) : Q :=
  foldr (fun x acc => Qred (Qmult (f x) acc)) Q1 l.

Definition levels (lv : seq nat) (s : seq nat) : seq nat := map (fun y => nth 0%N lv y) s.

Definition eshare (lv : seq nat) (s : seq nat) (i : nat) : Q :=
  let L := levels lv s in let m := lmin L in
  if nth 0%N L i == m then qfrac 1 (count (pred1 m) L) else Q0.

Definition ewins (r : rule) (lv : seq nat) (S T : seq nat) : Q :=
  let m := lmin (levels lv (S ++ T)) in
  let a := count (pred1 m) (levels lv S) in
  let b := count (pred1 m) (levels lv T) in
  match r with
  | Share => qfrac a (a + b)
  | Half => if b == 0%N then Q1 else if a == 0%N then Q0 else qfrac 1 2
  | Weak => if (0 < a)%N then Q1 else Q0
  | Strict => if b == 0%N then Q1 else Q0
  end.

Section Exec.

Variable n' : nat.
Local Notation n := n'.+1.
Variables (ws : seq Q) (levs : seq (seq nat)).

Definition eusers (f : nat -> seq nat -> Q) : Q :=
  qsum (iota 0 (size ws)) (fun u => Qmult (nth Q0 ws u) (f u (nth [::] levs u))).

(** Deviation payoff of response [y] against [k] draws from the lottery [ps]. *)
Definition edev (ps : seq Q) (k y : nat) : Q :=
  eusers (fun _ lv => qsum (tuples n' k)
    (fun s => Qmult (qprod s (fun z => nth Q0 ps z)) (eshare lv (y :: s) 0))).

(** Win rate of the product of [ps] against the pure competitor tuple [T]. *)
Definition ewin_product (r : rule) (ps : seq Q) (k : nat) (T : seq nat) : Q :=
  eusers (fun _ lv => qsum (tuples n' k)
    (fun S => Qmult (qprod S (fun z => nth Q0 ps z)) (ewins r lv S T))).

(** Win rate of the joint policy with support [supp] (tuples with probabilities). *)
Definition ewin_joint (r : rule) (supp : seq (seq nat * Q)) (T : seq nat) : Q :=
  eusers (fun _ lv => qsum supp (fun Sc => Qmult Sc.2 (ewins r lv Sc.1 T))).

(** Player [i]'s prize in the pure profile [c]. *)
Definition eprize (c : seq nat) (i : nat) : Q := eusers (fun _ lv => eshare lv c i).

End Exec.

(** ** The instance, read into the model *)

Section Instance.

Variable R : realFieldType.
Variable n' : nat.
Local Notation n := n'.+1.
Variables (ws : seq Q) (levs : seq (seq nat)).
Local Notation m := (size ws).

Definition iw (u : 'I_m) : R := q2r R (nth Q0 ws u).
Definition ilev (u : 'I_m) (y : 'I_n) : nat := nth 0%N (nth [::] levs u) y.
Definition ilot (ps : seq Q) (y : 'I_n) : R := q2r R (nth Q0 ps y).

(** The pure competitor holding the tuple [T], and the joint policy of a support list. *)
Definition pointp l (T : {ffun 'I_l -> 'I_n}) : {ffun 'I_l -> 'I_n} -> R :=
  fun T' => (T' == T)%:R.
Definition jointp k (supp : seq (seq nat * Q)) : {ffun 'I_k -> 'I_n} -> R :=
  fun S => \sum_(x <- supp) q2r R x.2 * (S == ffun_of n' k x.1)%:R.

Lemma q2r_qsum (A : Type) (l : seq A) f : q2r R (qsum l f) = \sum_(x <- l) q2r R (f x).
Proof.
elim: l => [|x l IH]; first by rewrite big_nil q2r_0.
have -> : qsum (x :: l) f = Qred (Qplus (f x) (qsum l f)) by [].
by rewrite big_cons -IH q2r_red q2r_add.
Qed.

Lemma q2r_qprod (A : Type) (l : seq A) f : q2r R (qprod l f) = \prod_(x <- l) q2r R (f x).
Proof.
elim: l => [|x l IH]; first by rewrite big_nil q2r_1.
have -> : qprod (x :: l) f = Qred (Qmult (f x) (qprod l f)) by [].
by rewrite big_cons -IH q2r_red q2r_mul.
Qed.

Lemma sum_users (F : nat -> R) : \sum_(u : 'I_m) F u = \sum_(u <- iota 0 m) F u.
Proof. by rewrite -(big_mkord xpredT F) /index_iota subn0. Qed.

Lemma q2r_eusers f :
  q2r R (eusers ws levs f) = \sum_(u : 'I_m) iw u * q2r R (f u (nth [::] levs u)).
Proof.
rewrite /eusers q2r_qsum.
rewrite [RHS](eq_bigr (fun u : 'I_m => q2r R (Qmult (nth Q0 ws u) (f u (nth [::] levs u)))));
  last by move=> u _; rewrite q2r_mul.
by rewrite (sum_users (fun u => q2r R (Qmult (nth Q0 ws u) (f u (nth [::] levs u))))).
Qed.

(** A valid tuple: the right length, entries below [n]. *)
Definition valid k (l : seq nat) := (size l == k) && all (fun y => y < n)%N l.

Lemma valid_tuples k l : l \in tuples n' k -> valid k l.
Proof. by case/mem_tuples => s a; rewrite /valid s eqxx a. Qed.

Lemma lev_ffun_of k u (l : seq nat) (i : 'I_k) : valid k l ->
  ilev u (ffun_of n' k l i) = nth 0%N (levels (nth [::] levs u) l) i.
Proof.
case/andP => /eqP s a; rewrite /ilev ffun_of_val // (nth_map 0%N) //.
by rewrite s ltn_ord.
Qed.

Lemma product_ffun_of k (ps : seq Q) (l : seq nat) : valid k l ->
  product (ilot ps) (ffun_of n' k l) = q2r R (qprod l (fun z => nth Q0 ps z)).
Proof.
case/andP => /eqP s a; rewrite q2r_qprod (big_nth 0%N) s big_mkord /product.
by apply: eq_bigr => i _; rewrite /ilot ffun_of_val ?s.
Qed.

Local Notation slot_share := (slot_share R ilev).

Lemma slot_share_ffun_of u k (l : seq nat) (i : 'I_k) : valid k l ->
  slot_share u (ffun_of n' k l) i = q2r R (eshare (nth [::] levs u) l i).
Proof.
move=> vl; have /andP[/eqP sl _] := vl.
set lv := nth [::] levs u; set L := levels lv l.
have sL : size L = k by rewrite size_map.
have levj j : ilev u (ffun_of n' k l j) = nth 0%N L j by exact: lev_ffun_of.
have inL j : ilev u (ffun_of n' k l j) \in L by rewrite levj mem_nth // sL ltn_ord.
have onL x : x \in L -> exists j, ilev u (ffun_of n' k l j) = x.
  move=> xL; have lt : (index x L < k)%N by rewrite -sL index_mem.
  by exists (Ordinal lt); rewrite levj nth_index.
have best_eq : best ilev u (ffun_of n' k l) = [set j : 'I_k | pred1 (lmin L) (nth 0%N L j)].
  by apply/setP => j; rewrite (best_lmin _ inL onL) inE levj.
rewrite /Model.slot_share best_eq (card_count _ sL) !inE /eshare -/lv -/L /=.
case: eqP => [e|_]; last by rewrite mul0r q2r_0.
rewrite q2r_frac //; rewrite -(card_count _ sL) -best_eq.
exact: (best_card_gt0 ilev u (ffun_of n' k l) i).
Qed.

Lemma wins_ffun_of r u k l (S T : seq nat) : valid k S -> valid l T ->
  wins R ilev r u (ffun_of n' k S) (ffun_of n' l T) = q2r R (ewins r (nth [::] levs u) S T).
Proof.
move=> vS vT; have /andP[/eqP sS _] := vS; have /andP[/eqP sT _] := vT.
set lv := nth [::] levs u; set LS := levels lv S; set LT := levels lv T.
have eL : levels lv (S ++ T) = LS ++ LT by rewrite /levels map_cat.
set L := levels lv (S ++ T).
have sLS : size LS = k by rewrite size_map.
have sLT : size LT = l by rewrite size_map.
set s := join (ffun_of n' k S) (ffun_of n' l T).
have levl a : ilev u (s (inl a)) = nth 0%N LS a by rewrite ffunE lev_ffun_of.
have levr b : ilev u (s (inr b)) = nth 0%N LT b by rewrite ffunE lev_ffun_of.
have inL x : ilev u (s x) \in L.
  by rewrite /L eL mem_cat; case: x => [a|b]; rewrite ?levl ?levr mem_nth ?orbT // ?sLS ?sLT.
have onL x : x \in L -> exists j, ilev u (s j) = x.
  rewrite /L eL mem_cat => /orP[xS|xT].
    have lt : (index x LS < k)%N by rewrite -sLS index_mem.
    by exists (inl (Ordinal lt)); rewrite levl nth_index.
  have lt : (index x LT < l)%N by rewrite -sLT index_mem.
  by exists (inr (Ordinal lt)); rewrite levr nth_index.
have a_eq : model_best ilev u (ffun_of n' k S) (ffun_of n' l T) = count (pred1 (lmin L)) LS.
  rewrite /model_best -(card_count (pred1 (lmin L)) sLS); apply: eq_card => a.
  by rewrite in_set -/s (best_lmin _ inL onL) levl in_set.
have b_eq : comp_best ilev u (ffun_of n' k S) (ffun_of n' l T) = count (pred1 (lmin L)) LT.
  rewrite /comp_best -(card_count (pred1 (lmin L)) sLT); apply: eq_card => b.
  by rewrite in_set -/s (best_lmin _ inL onL) levr in_set.
rewrite /wins /ewins a_eq b_eq -/lv -/LS -/LT -/L.
set a := count _ LS; set b := count _ LT.
case: r.
- case: (posnP (a + b)) => [ab0|ab]; last by rewrite q2r_frac.
  have a0 : a = 0%N by move/eqP: ab0; rewrite addn_eq0 => /andP[/eqP].
  by rewrite ab0 a0 mul0r /q2r /qfrac /= /z2r /= mul0r.
- case: eqP => _; first by rewrite q2r_1.
  case: eqP => _; first by rewrite q2r_0.
  by rewrite q2r_frac // mul1r.
- by case: (ltnP 0 a); rewrite ?q2r_1 ?q2r_0.
- by case: eqP; rewrite ?q2r_1 ?q2r_0.
Qed.

End Instance.

Section Refinement.

Variable R : realFieldType.
Variable n' : nat.
Local Notation n := n'.+1.
Variables (ws : seq Q) (levs : seq (seq nat)).
Local Notation m := (size ws).
Local Notation iw := (@iw R ws).
Local Notation ilev := (@ilev n' ws levs).
Local Notation ilot := (@ilot R n').

Lemma valid_cons k (y : 'I_n) (l : seq nat) : valid n' k l -> valid n' k.+1 ((y : nat) :: l).
Proof. by case/andP => /eqP s a; rewrite /valid /= s eqxx ltn_ord a. Qed.

(** The deviation payoff of the model equals the enumerated one. *)
Theorem dev_exec k (ps : seq Q) (y : 'I_n) :
  dev iw ilev k (ilot ps) y = q2r R (edev n' ws levs ps k y).
Proof.
rewrite /edev q2r_eusers; apply: eq_bigr => u _; congr (_ * _).
rewrite sum_tuples q2r_qsum big_seq [RHS]big_seq; apply: eq_bigr => l /valid_tuples vl.
rewrite -[in cons_slot y _](inord_val y) cons_ffun_of q2r_mul product_ffun_of //.
by rewrite (@slot_share_ffun_of R n' ws levs u k.+1 ((y : nat) :: l) ord0) // valid_cons.
Qed.

Lemma sum_pointp l (T : {ffun 'I_l -> 'I_n}) (G : {ffun 'I_l -> 'I_n} -> R) :
  \sum_T' pointp R T T' * G T' = G T.
Proof.
rewrite (bigD1 T) //= /pointp eqxx mul1r big1 ?addr0 // => T' /negbTE ->.
by rewrite mul0r.
Qed.

(** The win rate of a product policy against a pure competitor tuple. *)
Theorem win_product_exec r k l (ps : seq Q) (T : seq nat) : valid n' l T ->
  win_rate iw ilev r (@product _ _ k (ilot ps)) (pointp R (ffun_of n' l T))
  = q2r R (ewin_product n' ws levs r ps k T).
Proof.
move=> vT; rewrite /ewin_product q2r_eusers; apply: eq_bigr => u _; congr (_ * _).
rewrite sum_tuples q2r_qsum big_seq [RHS]big_seq; apply: eq_bigr => S /valid_tuples vS.
under eq_bigr do rewrite mulrAC mulrC.
rewrite (sum_pointp (ffun_of n' l T) (fun T' => _ * wins R ilev r u _ T')).
by rewrite q2r_mul product_ffun_of // wins_ffun_of.
Qed.

Definition valid_supp k (supp : seq (seq nat * Q)) := all (fun x => valid n' k x.1) supp.

Lemma sum_all (A : Type) (P : A -> bool) (l : seq A) (F G : A -> R) :
  all P l -> (forall x, P x -> F x = G x) -> \sum_(x <- l) F x = \sum_(x <- l) G x.
Proof.
elim: l => [|x l IH] /=; first by rewrite !big_nil.
by case/andP => px al e; rewrite !big_cons e // IH.
Qed.

(** The win rate of a joint policy, given by its support, against a pure competitor. *)
Theorem win_joint_exec r k l (supp : seq (seq nat * Q)) (T : seq nat) :
  valid_supp k supp -> valid n' l T ->
  win_rate iw ilev r (@jointp R n' k supp) (pointp R (ffun_of n' l T))
  = q2r R (ewin_joint ws levs r supp T).
Proof.
move=> vs vT; rewrite /ewin_joint q2r_eusers; apply: eq_bigr => u _; congr (_ * _).
under eq_bigr do under eq_bigr do rewrite mulrAC mulrC.
under eq_bigr do rewrite (sum_pointp (ffun_of n' l T) (fun T' => _ * wins R ilev r u _ T')).
rewrite q2r_qsum /jointp; under eq_bigr do rewrite mulr_suml.
rewrite exchange_big /=; apply: (sum_all vs) => x vx.
rewrite (bigD1 (ffun_of n' k x.1)) //= eqxx mulr1 big1 ?addr0.
  by rewrite q2r_mul wins_ffun_of.
by move=> S /negbTE ->; rewrite mulr0 mul0r.
Qed.

Lemma set_ffun_of k (c : seq nat) (i : 'I_k) (y : 'I_n) :
  [ffun j => if j == i then y else ffun_of n' k c j] = ffun_of n' k (set_nth 0%N c i y).
Proof.
apply/ffunP => j; rewrite !ffunE nth_set_nth /=.
case: (j =P i) => [->|ji]; first by rewrite eqxx inord_val.
by rewrite ifN //; apply/eqP => e; apply: ji; exact: val_inj.
Qed.

Lemma valid_set k (c : seq nat) (i : 'I_k) (y : 'I_n) :
  valid n' k c -> valid n' k (set_nth 0%N c i y).
Proof.
case/andP => /eqP s a; rewrite /valid size_set_nth s (maxn_idPr (ltn_ord i)) eqxx /=.
apply/(all_nthP 0%N) => j; rewrite size_set_nth s (maxn_idPr (ltn_ord i)) => jk.
rewrite nth_set_nth /=; case: (j == i); first exact: ltn_ord.
by apply: (allP a); rewrite mem_nth // s.
Qed.

(** A player's prize in a pure profile. *)
Theorem prize_exec k (c : seq nat) (i : 'I_k.+1) : valid n' k.+1 c ->
  pure_prize iw ilev (ffun_of n' k.+1 c) i = q2r R (eprize ws levs c i).
Proof.
move=> vc; rewrite /eprize q2r_eusers; apply: eq_bigr => u _; congr (_ * _).
exact: slot_share_ffun_of.
Qed.

(** ** The model's hypotheses, checked by computation on the [Q] side *)

Lemma sum_ord_nat (F : nat -> R) : \sum_(y : 'I_n) F y = \sum_(y <- iota 0 n) F y.
Proof. by rewrite -(big_mkord xpredT F) /index_iota subn0. Qed.

Lemma profile_check :
  all (fun u => Qle_bool Q0 (nth Q0 ws u)) (iota 0 m) ->
  Qeq_bool (qsum (iota 0 m) (fun u => nth Q0 ws u)) Q1 -> profile iw.
Proof.
move=> /allP w0 /Qeq_bool_iff w1; split=> [u|].
  by apply: q2r_ge0; apply/Qle_bool_iff; apply: w0; rewrite mem_iota add0n /= ltn_ord.
rewrite (@sum_users R ws (fun u => q2r R (nth Q0 ws u))) -q2r_qsum (q2r_eq _ w1).
exact: q2r_1.
Qed.

Lemma lottery_check (ps : seq Q) :
  all (fun y => Qle_bool Q0 (nth Q0 ps y)) (iota 0 n) ->
  Qeq_bool (qsum (iota 0 n) (fun y => nth Q0 ps y)) Q1 -> lottery (ilot ps).
Proof.
move=> /allP p0 /Qeq_bool_iff p1; split=> [y|].
  by apply: q2r_ge0; apply/Qle_bool_iff; apply: p0; rewrite mem_iota add0n /= ltn_ord.
rewrite (sum_ord_nat (fun y => q2r R (nth Q0 ps y))) -q2r_qsum (q2r_eq _ p1).
exact: q2r_1.
Qed.

(** The realised payoff [sum_z p z * V z], computed. *)
Definition erealised (ps : seq Q) k :=
  qsum (iota 0 n) (fun z => Qmult (nth Q0 ps z) (edev n' ws levs ps k z)).

Lemma realised_exec (ps : seq Q) k :
  \sum_z ilot ps z * dev iw ilev k (ilot ps) z = q2r R (erealised ps k).
Proof.
rewrite /erealised q2r_qsum -sum_ord_nat; apply: eq_bigr => z _.
by rewrite dev_exec q2r_mul.
Qed.

Lemma equilibrium_check k (ps : seq Q) (eps : Q) :
  lottery (ilot ps) ->
  all (fun y => Qle_bool (edev n' ws levs ps k y) (Qplus (erealised ps k) eps)) (iota 0 n) ->
  equilibrium iw ilev k (ilot ps) (q2r R eps).
Proof.
move=> lp /allP ok; split=> // y; rewrite dev_exec realised_exec -q2r_add.
by apply: q2r_le; apply/Qle_bool_iff; apply: ok; rewrite mem_iota add0n /= ltn_ord.
Qed.

Lemma nash_check k (c : seq nat) : valid n' k.+1 c ->
  all (fun i => all (fun y => Qle_bool (eprize ws levs (set_nth 0%N c i y) i)
                                        (eprize ws levs c i)) (iota 0 n)) (iota 0 k.+1) ->
  pure_nash iw ilev (ffun_of n' k.+1 c).
Proof.
move=> vc /allP ok i y; rewrite set_ffun_of !prize_exec ?valid_set //.
apply: q2r_le; apply/Qle_bool_iff.
have iin : (i : nat) \in iota 0 k.+1 by rewrite mem_iota add0n /= ltn_ord.
have yin : (y : nat) \in iota 0 n by rewrite mem_iota add0n /= ltn_ord.
by move/allP: (ok _ iin) => /(_ _ yin).
Qed.

(** Pointwise equal policies have equal win rates. *)
Lemma win_rate_ext r k l (P P' : {ffun 'I_k -> 'I_n} -> R) (Q Q' : {ffun 'I_l -> 'I_n} -> R) :
  (forall S, P S = P' S) -> (forall T, Q T = Q' T) ->
  win_rate iw ilev r P Q = win_rate iw ilev r P' Q'.
Proof.
move=> eP eQ; apply: eq_bigr => u _; congr (_ * _); apply: eq_bigr => S _.
by apply: eq_bigr => T _; rewrite eP eQ.
Qed.

Lemma product_one_point (y : 'I_n) (T : {ffun 'I_1 -> 'I_n}) :
  @product R n 1 (point R y) T = pointp R (ffun_of n' 1 [:: (y : nat)]) T.
Proof.
rewrite /product big_ord1 /point /pointp; congr (_%:R).
have e : ffun_of n' 1 [:: (y : nat)] = [ffun _ => y].
  by apply/ffunP => i; rewrite !ffunE (ord1 i) /= inord_val.
rewrite e; congr (nat_of_bool _); apply/idP/idP => /eqP h; apply/eqP; last by rewrite h ffunE.
by apply/ffunP => i; rewrite (ord1 i) ffunE h.
Qed.

(** The point mass on [y] as a lottery list. *)
Definition epoint (y : nat) : seq Q := [seq if j == y then Q1 else Q0 | j <- iota 0 n].

Lemma point_ilot (y z : 'I_n) : point R y z = ilot (epoint y) z.
Proof.
rewrite /ilot /epoint (nth_map 0%N) ?size_iota ?ltn_ord // nth_iota ?ltn_ord // add0n /point.
by case: eqP => [->|ne]; rewrite ?eqxx ?q2r_1 // ifN ?q2r_0 //; apply/eqP => e; apply: ne;
  exact: val_inj.
Qed.

Lemma product_point_ilot k (y : 'I_n) (S : {ffun 'I_k -> 'I_n}) :
  product (point R y) S = product (ilot (epoint y)) S.
Proof. by apply: eq_bigr => i _; rewrite point_ilot. Qed.

End Refinement.
