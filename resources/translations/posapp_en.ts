<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="pt_BR">
  <context>
    <name>AdjustBalanceDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="144" />
      <source>Ajustar saldo</source>
      <translation>Adjust balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="147" />
      <source>Crédito (somar)</source>
      <translation>Credit (add)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="148" />
      <source>Débito (tirar)</source>
      <translation>Debit (take away)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="157" />
      <source>pontos</source>
      <translation>points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="159" />
      <source>ex.: compra não registrada no dia 10</source>
      <translation>e.g. purchase not recorded on the 10th</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="161" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="162" />
      <source>Pontos</source>
      <translation>Points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="162" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="163" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="167" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="169" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="185" />
      <source>Informe um valor maior que zero.</source>
      <translation>Enter an amount greater than zero.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="188" />
      <source>Informe o motivo do ajuste.</source>
      <translation>Enter the reason for the adjustment.</translation>
    </message>
  </context>
  <context>
    <name>AdminPage</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="115" />
      <location filename="../../posapp/ui/first_run/wizard.py" line="117" />
      <source>Administrador</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="116" />
      <source>Quem administra o caixa entra com este PIN.</source>
      <translation>Whoever runs the counter signs in with this PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="125" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="126" />
      <source>PIN (4 a 6 dígitos)</source>
      <translation>PIN (4 to 6 digits)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="127" />
      <source>Repita o PIN</source>
      <translation>Repeat the PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="133" />
      <source>Informe o nome do administrador.</source>
      <translation>Enter the administrator's name.</translation>
    </message>
  </context>
  <context>
    <name>AgendaModel</name>
    <message>
      <location filename="../../posapp/ui/agenda/model.py" line="227" />
      <source>Horários ao mesmo tempo (marcados em dois caixas): remarque um deles.</source>
      <translation>Appointments at the same time (booked at two counters): move one of them.</translation>
    </message>
  </context>
  <context>
    <name>AgendaScreen</name>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="77" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="78" />
      <source>Semana</source>
      <translation>Week</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="90" />
      <source>Novo horário</source>
      <translation>New booking</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="91" />
      <source>Extratos</source>
      <translation>Statements</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="92" />
      <source>Comissões</source>
      <translation>Commissions</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="93" />
      <source>Horários</source>
      <translation>Hours</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="97" />
      <source>Chegou</source>
      <translation>Arrived</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="98" />
      <location filename="../../posapp/ui/agenda/screen.py" line="117" />
      <source>Confirmar</source>
      <translation>Confirm</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="99" />
      <location filename="../../posapp/ui/agenda/screen.py" line="120" />
      <source>Não veio</source>
      <translation>No-show</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="100" />
      <location filename="../../posapp/ui/agenda/screen.py" line="121" />
      <source>Cancelar horário</source>
      <translation>Cancel booking</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="101" />
      <source>Gorjeta</source>
      <translation>Tip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="118" />
      <source>Em atendimento</source>
      <translation>In service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="119" />
      <source>Concluído sem venda</source>
      <translation>Done without a sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="278" />
      <source>Horário movido.</source>
      <translation>Booking moved.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="293" />
      <source>Duração alterada.</source>
      <translation>Length changed.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="300" />
      <location filename="../../posapp/ui/agenda/screen.py" line="310" />
      <source>Escolha um horário na agenda.</source>
      <translation>Choose a booking in the agenda.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="303" />
      <source>Horário atualizado.</source>
      <translation>Booking updated.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="312" />
      <source>Cliente chegou: o carrinho está em Recuperar (F6) na tela de venda.</source>
      <translation>The client is here: the cart is in Recall (F6) on the sale screen.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="317" />
      <source>Fora do catálogo, não foi ao carrinho: %1.</source>
      <translation>No longer sold, not put in the cart: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="357" />
      <source>A gorjeta vai com a venda: escolha um horário concluído.</source>
      <translation>A tip goes with the sale: choose a finished booking.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/screen.py" line="364" />
      <source>Gorjeta registrada.</source>
      <translation>Tip recorded.</translation>
    </message>
  </context>
  <context>
    <name>Audit</name>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="24" />
      <source>Instalação da loja</source>
      <translation>Store set-up</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="25" />
      <source>Dados da loja</source>
      <translation>Store details</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="26" />
      <source>Programa de fidelidade</source>
      <translation>Loyalty program</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="27" />
      <source>Configurações</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="28" />
      <source>Equipe: cadastro</source>
      <translation>Staff: added</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="29" />
      <source>Equipe: função</source>
      <translation>Staff: role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="30" />
      <source>Equipe: troca de PIN</source>
      <translation>Staff: PIN reset</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="31" />
      <source>Equipe: desativação</source>
      <translation>Staff: deactivated</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="32" />
      <source>Entrada no caixa</source>
      <translation>Sign-in</translation>
    </message>
  </context>
  <context>
    <name>AuditTableModel</name>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="106" />
      <source>Quando</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="107" />
      <source>Quem</source>
      <translation>Who</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="108" />
      <source>Autorizado por</source>
      <translation>Authorized by</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="109" />
      <source>Ação</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="110" />
      <source>Alvo</source>
      <translation>Target</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="111" />
      <source>Detalhes</source>
      <translation>Details</translation>
    </message>
  </context>
  <context>
    <name>BackupKeeper</name>
    <message>
      <location filename="../../posapp/ui/backup_keeper.py" line="50" />
      <source>Cópia de segurança do dia feita</source>
      <translation>Today's backup made</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/backup_keeper.py" line="54" />
      <source>A cópia de segurança falhou: %1</source>
      <translation>The backup failed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/backup_keeper.py" line="60" />
      <source>Cópia de segurança</source>
      <translation>Backup</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/backup_keeper.py" line="73" />
      <source>Configurações deste computador</source>
      <translation>This computer's settings</translation>
    </message>
  </context>
  <context>
    <name>BlindCountDialog</name>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="178" />
      <source>Fechar o turno: contagem do caixa</source>
      <translation>Close the shift: count the drawer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="180" />
      <source>Conte as cédulas e moedas da gaveta.</source>
      <translation>Count the notes and coins in the drawer.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="183" />
      <source>Cédula</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="183" />
      <source>Moeda</source>
      <translation>Coin</translation>
    </message>
  </context>
  <context>
    <name>BookingDialog</name>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="46" />
      <source>Novo horário</source>
      <translation>New booking</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="53" />
      <source>Nome, CPF ou celular</source>
      <translation>Name, CPF or mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="55" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="62" />
      <source>Nome do novo cliente</source>
      <translation>New client's name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="64" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="65" />
      <source>Cadastrar</source>
      <translation>Add</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="70" />
      <source>Novo cliente</source>
      <translation>New client</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="80" />
      <source>Serviços</source>
      <translation>Services</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="86" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="88" />
      <source>Adicionar outro profissional</source>
      <translation>Add another professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="95" />
      <source>Nesta visita</source>
      <translation>In this visit</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="103" />
      <source>Início</source>
      <translation>Starts</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="157" />
      <source>Marque os serviços deste profissional.</source>
      <translation>Tick this professional's services.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/booking_dialog.py" line="179" />
      <source>Escolha o cliente ou cadastre-o com o celular.</source>
      <translation>Choose the client or enrol them with a mobile number.</translation>
    </message>
  </context>
  <context>
    <name>CampaignsModel</name>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="107" />
      <source>Campanha</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="108" />
      <source>De</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="109" />
      <source>Até</source>
      <translation>Until</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="110" />
      <source>Oferta</source>
      <translation>Offer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="111" />
      <source>Categorias</source>
      <translation>Categories</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="112" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="126" />
      <source>no mês do aniversário</source>
      <translation>in the birthday month</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="130" />
      <source>Todas</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="132" />
      <source>Ligada</source>
      <translation>On</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="132" />
      <source>Desligada</source>
      <translation>Off</translation>
    </message>
  </context>
  <context>
    <name>CampaignsTab</name>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="161" />
      <source>Campanhas</source>
      <translation>Campaigns</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="164" />
      <source>Ligar/desligar</source>
      <translation>Switch on/off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="181" />
      <source>Desligar</source>
      <translation>Switch off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="181" />
      <source>Ligar</source>
      <translation>Switch on</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="213" />
      <source>ligar a campanha %1</source>
      <translation>switch the %1 campaign on</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="213" />
      <source>desligar a campanha %1</source>
      <translation>switch the %1 campaign off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="220" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="558" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="621" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="224" />
      <source>Campanha ligada</source>
      <translation>Campaign switched on</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="224" />
      <source>Campanha desligada</source>
      <translation>Campaign switched off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="230" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="348" />
      <source>Nova campanha</source>
      <translation>New campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="243" />
      <source>sem multiplicar</source>
      <translation>no multiplier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="250" />
      <source>vazio = todas; ex.: servicos, higiene</source>
      <translation>empty = all; e.g. servicos, higiene</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="252" />
      <source>Só no mês do aniversário do cliente</source>
      <translation>Only in the customer's birthday month</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="254" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="350" />
      <source>Criar campanha</source>
      <translation>Create campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="256" />
      <source>Nova</source>
      <translation>New</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="261" />
      <source>A alteração vale a partir da próxima venda; o cashback das vendas já feitas não muda.</source>
      <translation>The change applies from the next sale on; the cashback of sales already made does not change.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="274" />
      <source>Sugestões do calendário</source>
      <translation>Calendar suggestions</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="275" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="457" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="276" />
      <source>Início</source>
      <translation>Starts</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="277" />
      <source>Fim</source>
      <translation>Ends</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="278" />
      <source>Multiplicador</source>
      <translation>Multiplier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="279" />
      <source>Bônus por compra (R$)</source>
      <translation>Bonus per purchase (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="280" />
      <source>Categorias</source>
      <translation>Categories</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="295" />
      <source>(escolha uma data)</source>
      <translation>(choose a date)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="348" />
      <source>Alterar campanha</source>
      <translation>Edit campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="350" />
      <source>Salvar alterações</source>
      <translation>Save changes</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="374" />
      <source>Dê um nome à campanha.</source>
      <translation>Give the campaign a name.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="379" />
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="525" />
      <source>Valor inválido: %1</source>
      <translation>Invalid amount: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="417" />
      <source>alterar a campanha %1</source>
      <translation>edit the %1 campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="422" />
      <source>Nada foi alterado</source>
      <translation>Nothing was changed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="426" />
      <source>criar a campanha %1</source>
      <translation>create the %1 campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="431" />
      <source>Nada foi criado</source>
      <translation>Nothing was created</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="437" />
      <source>Campanha %1 salva: vale a partir da próxima venda; o cashback já ganho não muda</source>
      <translation>Campaign %1 saved: it applies from the next sale on; cashback already earned does not change</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="443" />
      <source>Campanha %1 criada</source>
      <translation>Campaign %1 created</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="452" />
      <source>Níveis de cliente</source>
      <translation>Customer tiers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="453" />
      <source>Níveis ligados</source>
      <translation>Tiers on</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="458" />
      <source>Nome em inglês</source>
      <translation>Name in English</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="459" />
      <source>Gasto mínimo em 12 meses (R$)</source>
      <translation>Minimum spend over 12 months (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="460" />
      <source>Cashback (%)</source>
      <translation>Cashback (%)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="465" />
      <source>Mais um nível</source>
      <translation>Add a tier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="466" />
      <source>Tirar o último</source>
      <translation>Remove the last</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="467" />
      <source>Usar a sugestão</source>
      <translation>Use the suggestion</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="468" />
      <source>Salvar níveis</source>
      <translation>Save tiers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="530" />
      <source>Taxa inválida: %1</source>
      <translation>Invalid rate: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="553" />
      <source>alterar os níveis de cliente</source>
      <translation>change the customer tiers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="563" />
      <source>Níveis salvos</source>
      <translation>Tiers saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="573" />
      <source>Pesquisa de satisfação</source>
      <translation>Satisfaction survey</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="574" />
      <source>QR da pesquisa no recibo</source>
      <translation>Survey QR on the receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="577" />
      <source>Salvar pesquisa</source>
      <translation>Save survey</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="579" />
      <source>Usar a página da rede</source>
      <translation>Use the network's page</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="584" />
      <source>No caixa, depois de cada venda, a nota de 0 a 10 pode ser marcada na hora.</source>
      <translation>At the counter, after each sale, the 0-10 score can be tapped at once.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="589" />
      <source>Endereço da página</source>
      <translation>Page address</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="616" />
      <source>alterar a pesquisa de satisfação</source>
      <translation>change the satisfaction survey</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/campaigns_tab.py" line="626" />
      <source>Pesquisa salva</source>
      <translation>Survey saved</translation>
    </message>
  </context>
  <context>
    <name>CardDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="54" />
      <source>Dados do cartão: %1 %2</source>
      <translation>Card details: %1 %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="59" />
      <source>Cole ou digite o comprovante da maquininha</source>
      <translation>Paste or type the card machine's slip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="61" />
      <source>Ler comprovante</source>
      <translation>Read the slip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="72" />
      <source>(não informada)</source>
      <translation>(not given)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="76" />
      <source>Maquininha avulsa (tpIntegra 2)</source>
      <translation>Stand-alone card machine (tpIntegra 2)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="77" />
      <source>TEF / POS integrado (tpIntegra 1)</source>
      <translation>TEF / integrated POS (tpIntegra 1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="83" />
      <source>Comprovante</source>
      <translation>Slip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="85" />
      <source>Bandeira</source>
      <translation>Brand</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="86" />
      <source>Parcelas</source>
      <translation>Instalments</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="87" />
      <source>NSU</source>
      <translation>NSU</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="88" />
      <source>DOC</source>
      <translation>DOC</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="89" />
      <source>Autorização</source>
      <translation>Authorisation</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="90" />
      <source>Credenciadora</source>
      <translation>Acquirer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/card_dialog.py" line="91" />
      <source>Integração</source>
      <translation>Integration</translation>
    </message>
  </context>
  <context>
    <name>CartModel</name>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="115" />
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="116" />
      <source>Qtd</source>
      <translation>Qty</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="117" />
      <source>Preço unit.</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="118" />
      <source>Desconto</source>
      <translation>Discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="119" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="120" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="136" />
      <source>Escolha quem fez o serviço</source>
      <translation>Choose who performed the service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="178" />
      <source>(escolher)</source>
      <translation>(choose)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="225" />
      <source>Quantidade inválida: %1. Use um número inteiro maior que zero.</source>
      <translation>Invalid quantity: %1. Use a whole number greater than zero.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="228" />
      <source>Desconto inválido: %1.</source>
      <translation>Invalid discount: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="230" />
      <source>Preço inválido: %1.</source>
      <translation>Invalid price: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="231" />
      <source>Valor inválido: %1.</source>
      <translation>Invalid amount: %1.</translation>
    </message>
  </context>
  <context>
    <name>CashScreen</name>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="224" />
      <source>Fundo de troco (R$)</source>
      <translation>Opening float (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="225" />
      <source>Abrir turno</source>
      <translation>Open shift</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="226" />
      <location filename="../../posapp/ui/cash/screen.py" line="383" />
      <location filename="../../posapp/ui/cash/screen.py" line="397" />
      <source>Suprimento</source>
      <translation>Cash in</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="227" />
      <location filename="../../posapp/ui/cash/screen.py" line="383" />
      <location filename="../../posapp/ui/cash/screen.py" line="397" />
      <source>Sangria</source>
      <translation>Cash out</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="228" />
      <source>Fechar turno</source>
      <translation>Close shift</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="229" />
      <location filename="../../posapp/ui/cash/screen.py" line="448" />
      <source>Relatório X</source>
      <translation>X report</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="230" />
      <source>Redução Z</source>
      <translation>Z report</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="231" />
      <source>Imprimir</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="232" />
      <location filename="../../posapp/ui/cash/screen.py" line="261" />
      <source>Salvar PDF</source>
      <translation>Save PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="233" />
      <location filename="../../posapp/ui/cash/screen.py" line="262" />
      <source>Salvar CSV</source>
      <translation>Save CSV</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="248" />
      <source>Reduções Z deste caixa</source>
      <translation>This counter's Z reports</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="260" />
      <source>Reimprimir</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="263" />
      <source>Nenhuma redução Z ainda</source>
      <translation>No Z report yet</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="337" />
      <source>Nenhum turno aberto</source>
      <translation>No shift open</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="340" />
      <source>Turno aberto por %1 em %2, fundo de troco %3</source>
      <translation>Shift opened by %1 at %2, float %3</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="378" />
      <source>Turno aberto.</source>
      <translation>Shift opened.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="391" />
      <source>suprimento</source>
      <translation>cash in</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="391" />
      <source>sangria</source>
      <translation>cash out</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="401" />
      <source>%1 de %2 registrado.</source>
      <translation>%1 of %2 recorded.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="415" />
      <source>fechar o turno</source>
      <translation>close the shift</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="423" />
      <source>Turno fechado. Esperado %1, contado %2, diferença %3.</source>
      <translation>Shift closed. Expected %1, counted %2, difference %3.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="448" />
      <source>Minha produção</source>
      <translation>My production</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="483" />
      <source>redução Z</source>
      <translation>Z report</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="573" />
      <source>Relatório impresso na impressora virtual: veja na janela Impressões.</source>
      <translation>Report printed on the virtual printer: see the Printouts window.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="575" />
      <source>Relatório impresso.</source>
      <translation>Report printed.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="577" />
      <source>Não foi possível imprimir: %1</source>
      <translation>Could not print: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="583" />
      <source>Salvar relatório em PDF</source>
      <translation>Save the report as PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="586" />
      <source>PDF salvo em %1</source>
      <translation>PDF saved to %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="589" />
      <source>Salvar relatório em CSV</source>
      <translation>Save the report as CSV</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="595" />
      <source>CSV salvo em %1</source>
      <translation>CSV saved to %1</translation>
    </message>
  </context>
  <context>
    <name>CatalogModel</name>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="51" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="52" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="53" />
      <source>Preço</source>
      <translation>Price</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="54" />
      <source>Código</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="55" />
      <source>Categoria</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="56" />
      <source>Favorito</source>
      <translation>Favourite</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="62" />
      <source>%1 (inativo)</source>
      <translation>%1 (inactive)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="64" />
      <source>Serviço</source>
      <translation>Service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="64" />
      <source>Produto</source>
      <translation>Product</translation>
    </message>
  </context>
  <context>
    <name>CatalogTab</name>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="87" />
      <source>Buscar por nome, código de barras ou SKU</source>
      <translation>Search by name, barcode or SKU</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="89" />
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="171" />
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="227" />
      <source>Novo item</source>
      <translation>New item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="99" />
      <source>Produto</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="100" />
      <source>Serviço</source>
      <translation>Service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="107" />
      <source>EAN-13, EAN-8 ou GTIN-14</source>
      <translation>EAN-13, EAN-8 or GTIN-14</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="116" />
      <source>Ativo (aparece na venda)</source>
      <translation>Active (offered at the sale)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="118" />
      <source>Favorito (botão na tela de venda)</source>
      <translation>Favourite (a tile on the sale screen)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="136" />
      <source>Salvar item</source>
      <translation>Save item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="143" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="144" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="145" />
      <source>Preço (R$)</source>
      <translation>Price (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="146" />
      <source>Código de barras</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="147" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="148" />
      <source>Categoria</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="149" />
      <source>Duração (serviço)</source>
      <translation>Duration (service)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="152" />
      <source>Quem faz (serviço)</source>
      <translation>Who does it (service)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="154" />
      <source>NCM</source>
      <translation>NCM</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="155" />
      <source>CEST</source>
      <translation>CEST</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="156" />
      <source>CFOP</source>
      <translation>CFOP</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="157" />
      <source>CSOSN (Simples)</source>
      <translation>CSOSN (Simples)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="158" />
      <source>CST</source>
      <translation>CST</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="159" />
      <source>Origem</source>
      <translation>Origin</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="160" />
      <source>Unidade</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="164" />
      <source>Dados fiscais (NFC-e, produtos)</source>
      <translation>Tax data (NFC-e, products)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="235" />
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="328" />
      <source>Editando: %1</source>
      <translation>Editing: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="280" />
      <source>Preço inválido: “%1”. Digite o valor, por exemplo 12,90.</source>
      <translation>Invalid price: “%1”. Type the amount, for example 12.90.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="318" />
      <source>editar catálogo</source>
      <translation>edit the catalogue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="323" />
      <source>Catálogo não alterado (sem PIN do gerente).</source>
      <translation>Catalogue not changed (no manager PIN).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/catalog_tab.py" line="329" />
      <source>Item salvo: %1</source>
      <translation>Item saved: %1</translation>
    </message>
  </context>
  <context>
    <name>ConflictsModel</name>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="57" />
      <source>Quando</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="58" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="59" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="60" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="61" />
      <source>Loja</source>
      <translation>Store</translation>
    </message>
  </context>
  <context>
    <name>CustomerDisplay</name>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="127" />
      <source>Tela do cliente</source>
      <translation>Customer screen</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/customer_display.py" line="193" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n point</numerusform>
        <numerusform>%n points</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="198" />
      <source>Obrigado pela preferência!</source>
      <translation>Thank you for shopping with us!</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="199" />
      <source>Total pago: %1</source>
      <translation>Total paid: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="201" />
      <source>Troco: %1</source>
      <translation>Change: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="209" />
      <source>Total: %1</source>
      <translation>Total: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="211" />
      <source>Bem-vindo!</source>
      <translation>Welcome!</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="219" />
      <source>Seu saldo de pontos: %1</source>
      <translation>Your points balance: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="223" />
      <source>Seu saldo de cashback: %1</source>
      <translation>Your cashback balance: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="229" />
      <source>Você ganhou %1</source>
      <translation>You earned %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="229" />
      <source>Esta compra rende %1</source>
      <translation>This purchase earns %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="233" />
      <source>Você ganhou %1 de cashback</source>
      <translation>You earned %1 of cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="235" />
      <source>Esta compra rende %1 de cashback</source>
      <translation>This purchase earns %1 of cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="244" />
      <source>Pague com Pix: %1</source>
      <translation>Pay with Pix: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_display.py" line="250" />
      <source>Seu vale de %1: mostre este QR na próxima compra</source>
      <translation>Your %1 voucher: show this QR at your next purchase</translation>
    </message>
  </context>
  <context>
    <name>CustomerPickerDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="85" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="88" />
      <source>CPF, celular ou nome do cliente:</source>
      <translation>Customer's CPF, mobile number or name:</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="99" />
      <source>Cadastrar novo cliente</source>
      <translation>Enrol a new customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="148" />
      <source>Nenhum cliente encontrado. Cadastre um novo.</source>
      <translation>No customer found. Enrol a new one.</translation>
    </message>
  </context>
  <context>
    <name>CustomerTableModel</name>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="73" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="74" />
      <source>CPF / Celular</source>
      <translation>CPF / Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="75" />
      <source>Saldo</source>
      <translation>Balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="76" />
      <source>A liberar</source>
      <translation>Pending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="77" />
      <source>Vence em 30 dias</source>
      <translation>Expires in 30 days</translation>
    </message>
  </context>
  <context>
    <name>CustomersScreen</name>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="107" />
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="109" />
      <source>Buscar por nome, CPF ou celular</source>
      <translation>Search by name, CPF or mobile number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="175" />
      <source>Escolha um cliente na lista</source>
      <translation>Choose a customer from the list</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="167" />
      <location filename="../../posapp/ui/customers/screen.py" line="177" />
      <source>Programa: %1</source>
      <translation>Program: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="202" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="203" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="204" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="205" />
      <source>Aniversário</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="206" />
      <source>Ofertas e lembretes</source>
      <translation>Offers and reminders</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="207" />
      <source>Indicado por</source>
      <translation>Referred by</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="223" />
      <source>Saldo disponível</source>
      <translation>Available balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="224" />
      <source>A liberar</source>
      <translation>Pending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="225" />
      <source>Vence em 30 dias</source>
      <translation>Expires in 30 days</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="235" />
      <source>Editar dados</source>
      <translation>Edit details</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="236" />
      <source>Imprimir saldo</source>
      <translation>Print balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="237" />
      <source>Ajustar saldo</source>
      <translation>Adjust balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="238" />
      <location filename="../../posapp/ui/customers/screen.py" line="245" />
      <source>Só com a senha de um gerente</source>
      <translation>Needs a manager's PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="242" />
      <source>Exportar dados (LGPD)</source>
      <translation>Export data (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="243" />
      <source>Anonimizar (LGPD)</source>
      <translation>Anonymize (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="265" />
      <source>Histórico</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="266" />
      <source>Vales</source>
      <translation>Vouchers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="267" />
      <source>Indicações</source>
      <translation>Referrals</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="310" />
      <source>Nenhum cliente encontrado</source>
      <translation>No customer found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="312" />
      <source>1 cliente encontrado</source>
      <translation>1 customer found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="316" />
      <source>%1 clientes encontrados</source>
      <translation>%1 customers found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="346" />
      <source>Código de indicação: %1 · cliente desde %2</source>
      <translation>Referral code: %1 · customer since %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="355" />
      <source>sim, desde %1</source>
      <translation>yes, since %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="359" />
      <source>não</source>
      <translation>no</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/customers/screen.py" line="366" />
      <source>%n ponto(s) (%1)</source>
      <translation>
        <numerusform>%n point (%1)</numerusform>
        <numerusform>%n points (%1)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="375" />
      <source>Vales (%1)</source>
      <translation>Vouchers (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="378" />
      <source>Indicações (%1)</source>
      <translation>Referrals (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="397" />
      <source>Dados do cliente salvos</source>
      <translation>Customer details saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="403" />
      <location filename="../../posapp/ui/customers/screen.py" line="477" />
      <source>Entre com seu PIN primeiro.</source>
      <translation>Sign in with your PIN first.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="433" />
      <source>Imprimindo o saldo…</source>
      <translation>Printing the balance…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="442" />
      <source>Saldo impresso</source>
      <translation>Balance printed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="447" />
      <location filename="../../posapp/ui/customers/screen.py" line="455" />
      <source>Não imprimiu: %1 (o saldo ficou na fila)</source>
      <translation>Not printed: %1 (the slip is waiting in the queue)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="479" />
      <source>ajustar o saldo de %1</source>
      <translation>adjust the balance of %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="481" />
      <source>Ajuste cancelado</source>
      <translation>Adjustment cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="496" />
      <source>Saldo ajustado</source>
      <translation>Balance adjusted</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="508" />
      <source>Cupom da venda #%1</source>
      <translation>Receipt of sale #%1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="511" />
      <source>Abrindo o cupom…</source>
      <translation>Opening the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="532" />
      <source>Anonimizar</source>
      <translation>Anonymize</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="533" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="544" />
      <source>Exportar dados do cliente (LGPD)</source>
      <translation>Export the customer's data (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="546" />
      <location filename="../../posapp/ui/customers/screen.py" line="553" />
      <source>Exportação cancelada</source>
      <translation>Export cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="550" />
      <source>exportar os dados de %1</source>
      <translation>export the data of %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="557" />
      <source>Exportando os dados…</source>
      <translation>Exporting the data…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="567" />
      <source>Dados do cliente gravados em %1</source>
      <translation>Customer data saved to %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="577" />
      <source>Anonimizar %1?

Serão apagados o nome, o CPF, o celular, o e-mail e o aniversário, e o consentimento de ofertas será retirado. O extrato, as vendas e os vales continuam, sem o nome. Não dá para desfazer.

As cópias de segurança já feitas guardam os dados antigos até vencerem (%2 dias).</source>
      <translation>Anonymize %1?

The name, CPF, mobile, e-mail and birthday will be erased and the marketing consent withdrawn. The ledger, sales and vouchers stay, without the name. This cannot be undone.

Backups already taken keep the old data until they age out (%2 days).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="585" />
      <source>Anonimizar cliente (LGPD)</source>
      <translation>Anonymize customer (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="586" />
      <location filename="../../posapp/ui/customers/screen.py" line="590" />
      <source>Anonimização cancelada</source>
      <translation>Anonymization cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="588" />
      <source>anonimizar %1</source>
      <translation>anonymize %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="594" />
      <source>Anonimizando…</source>
      <translation>Anonymizing…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="608" />
      <source>Cliente anonimizado. Apagados: %1.</source>
      <translation>Customer anonymized. Erased: %1.</translation>
    </message>
  </context>
  <context>
    <name>DashboardScreen</name>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="95" />
      <source>Atualizar</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="97" />
      <source>Importar / exportar CSV…</source>
      <translation>Import / export CSV…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="103" />
      <location filename="../../posapp/ui/dashboard/screen.py" line="116" />
      <source>Vendas (R$)</source>
      <translation>Sales (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="106" />
      <source>Vendas de hoje por hora</source>
      <translation>Today's sales by hour</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="117" />
      <source>Cashback ganho (R$)</source>
      <translation>Cashback earned (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="118" />
      <source>Cashback usado (R$)</source>
      <translation>Cashback spent (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="119" />
      <source>Últimos 30 dias</source>
      <translation>Last 30 days</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="132" />
      <source>Cashback + vales em aberto (R$)</source>
      <translation>Cashback + open vouchers (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="133" />
      <source>Saldo a resgatar pelos clientes</source>
      <translation>What customers can still spend</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dashboard/screen.py" line="183" />
      <source>O painel é só para gerentes.</source>
      <translation>The dashboard is for managers only.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/dashboard/screen.py" line="192" />
      <source>Hoje: %n venda(s), %1</source>
      <translation>
        <numerusform>Today: %n sale, %1</numerusform>
        <numerusform>Today: %n sales, %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DonePage</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="358" />
      <source>Concluir</source>
      <translation>Finish</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="371" />
      <source>Loja: %1
Administrador: %2
Impressora: %3
Leitor: %4</source>
      <translation>Store: %1
Administrator: %2
Printer: %3
Scanner: %4</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="377" />
      <source>testado</source>
      <translation>tested</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="377" />
      <source>não testado</source>
      <translation>not tested</translation>
    </message>
  </context>
  <context>
    <name>Doorway</name>
    <message>
      <location filename="../../posapp/ui/doorway.py" line="33" />
      <source>Abrindo o caixa…</source>
      <translation>Opening the counter…</translation>
    </message>
  </context>
  <context>
    <name>EditCustomerDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="67" />
      <source>Editar cliente</source>
      <translation>Edit customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="82" />
      <source>dd/mm/aaaa</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="84" />
      <source>Aceita receber ofertas e lembretes de saldo (LGPD)</source>
      <translation>Agrees to receive offers and balance reminders (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="88" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="89" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="90" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="91" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="92" />
      <source>Aniversário</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="99" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="102" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="124" />
      <source>Informe o nome.</source>
      <translation>Enter the name.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="129" />
      <source>Aniversário inválido: use dd/mm/aaaa.</source>
      <translation>Invalid birthday: use dd/mm/yyyy.</translation>
    </message>
  </context>
  <context>
    <name>EnrolDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="192" />
      <source>Cadastrar cliente</source>
      <translation>Enrol customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="204" />
      <source>Aceita receber mensagens (WhatsApp/SMS/e-mail)</source>
      <translation>Agrees to receive messages (WhatsApp/SMS/e-mail)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="208" />
      <source>opcional</source>
      <translation>optional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="209" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="210" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="211" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="213" />
      <source>Código de quem indicou</source>
      <translation>Referrer's code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="238" />
      <source>Informe o nome do cliente.</source>
      <translation>Enter the customer's name.</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="412" />
      <source>posapp: primeira configuração</source>
      <translation>posapp: first setup</translation>
    </message>
  </context>
  <context>
    <name>FiscalKeeper</name>
    <message>
      <location filename="../../posapp/ui/fiscal_keeper.py" line="71" />
      <source>NFC-e: SEFAZ sem resposta; notas em contingência aguardam envio</source>
      <translation>NFC-e: no answer from SEFAZ; contingency notes wait to be sent</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="76" />
      <source>NFC-e: %n nota(s) em contingência autorizada(s)</source>
      <translation>
        <numerusform>NFC-e: %n contingency note(s) authorised</numerusform>
        <numerusform>NFC-e: %n contingency note(s) authorised</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="82" />
      <source>NFC-e: %n venda(s) sem nota por dado inválido; veja Gerência &gt; Fiscal</source>
      <translation>
        <numerusform>NFC-e: %n sale without a note (invalid data); see Management &gt; Fiscal</numerusform>
        <numerusform>NFC-e: %n sales without a note (invalid data); see Management &gt; Fiscal</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/fiscal_keeper.py" line="94" />
      <source>NFS-e: ambiente nacional sem resposta; DPS aguardam envio</source>
      <translation>NFS-e: the national environment does not answer; DPS waiting to be sent</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="98" />
      <source>NFS-e: %n nota(s) autorizada(s)</source>
      <translation>
        <numerusform>NFS-e: %n note authorised</numerusform>
        <numerusform>NFS-e: %n notes authorised</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>FiscalTab</name>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="146" />
      <source>Emitir NFC-e nas vendas de produtos</source>
      <translation>Issue an NFC-e for product sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="152" />
      <source>1 Simples Nacional</source>
      <translation>1 Simples Nacional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="153" />
      <source>2 Simples Nacional, excesso de sublimite</source>
      <translation>2 Simples Nacional, above the sub-limit</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="154" />
      <source>3 Regime normal</source>
      <translation>3 Normal regime</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="155" />
      <source>4 MEI</source>
      <translation>4 MEI</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="159" />
      <source>Homologação (testes, sem valor fiscal)</source>
      <translation>Homologação (tests, no fiscal value)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="160" />
      <source>Produção</source>
      <translation>Production</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="164" />
      <source>Cashback e vales como pagamento (tPag 19)</source>
      <translation>Cashback and vouchers as a payment (tPag 19)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="165" />
      <source>Cashback e vales como desconto</source>
      <translation>Cashback and vouchers as a discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="171" />
      <source>Depois do prazo: cancelar a venda; o contador emite a nota de devolução</source>
      <translation>After the limit: void the sale; the accountant issues the return note</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="174" />
      <source>Depois do prazo: não cancelar a venda</source>
      <translation>After the limit: do not void the sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="177" />
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="190" />
      <source>(guardado; deixe vazio para manter)</source>
      <translation>(saved; leave empty to keep it)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="61" />
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="182" />
      <source>CNPJ</source>
      <translation>CNPJ</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="62" />
      <source>Inscrição estadual</source>
      <translation>State registration (IE)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="63" />
      <source>Razão social</source>
      <translation>Legal name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="64" />
      <source>Nome fantasia</source>
      <translation>Trade name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="65" />
      <source>Logradouro</source>
      <translation>Street</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="66" />
      <source>Número</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="67" />
      <source>Bairro</source>
      <translation>District</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="68" />
      <source>Código IBGE do município</source>
      <translation>Municipality IBGE code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="69" />
      <source>Município</source>
      <translation>Municipality</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="70" />
      <source>UF</source>
      <translation>State (UF)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="71" />
      <source>CEP</source>
      <translation>Postcode (CEP)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="72" />
      <source>CSC (id)</source>
      <translation>CSC (id)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="183" />
      <source>Contato</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="184" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="185" />
      <source>Telefone (DDD + número)</source>
      <translation>Phone (area code + number)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="186" />
      <source>CSRT (id)</source>
      <translation>CSRT (id)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="191" />
      <source>Responsável técnico</source>
      <translation>Technical responsible</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="195" />
      <source>Código do CSRT</source>
      <translation>CSRT code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="198" />
      <source>A empresa responsável pelo sistema emissor (grupo infRespTec da NFC-e), exigida por algumas UFs; o CSRT só onde a SEFAZ o forneceu</source>
      <translation>The company responsible for the issuing system (the NFC-e's infRespTec group), required by some states; the CSRT only where SEFAZ gave one</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="202" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="206" />
      <source>arquivo .pfx do certificado A1</source>
      <translation>the A1 certificate's .pfx file</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="207" />
      <source>Escolher…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="210" />
      <source>Carregar certificado</source>
      <translation>Load certificate</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="217" />
      <source>Iniciar a série neste número</source>
      <translation>Start the series at this number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="224" />
      <source>Enviar pendentes agora</source>
      <translation>Send pending notes now</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="226" />
      <source>Reenviar corrigida</source>
      <translation>Resend corrected</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="228" />
      <source>Inutilizar número</source>
      <translation>Void the number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="236" />
      <source>Código do CSC</source>
      <translation>CSC token</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="237" />
      <source>Regime (CRT)</source>
      <translation>Tax regime (CRT)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="238" />
      <source>Ambiente</source>
      <translation>Environment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="239" />
      <source>Série</source>
      <translation>Series</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="240" />
      <source>Cashback na nota</source>
      <translation>Cashback on the note</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="241" />
      <source>Prazo de cancelamento</source>
      <translation>Cancellation limit</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="242" />
      <source>Devolução</source>
      <translation>Refund</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="247" />
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="250" />
      <source>Certificado A1</source>
      <translation>A1 certificate</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="251" />
      <source>Senha do certificado</source>
      <translation>Certificate password</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="255" />
      <source>Próximo número</source>
      <translation>Next number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="269" />
      <source>Notas pendentes e rejeitadas</source>
      <translation>Pending and rejected notes</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="317" />
      <source>Nenhum certificado A1 carregado.</source>
      <translation>No A1 certificate loaded.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="327" />
      <source>%1 nota(s) aguardando; %2 fora do prazo.</source>
      <translation>%1 note(s) waiting; %2 overdue.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="384" />
      <source>alterar a configuração fiscal</source>
      <translation>change the fiscal settings</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="387" />
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="415" />
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="430" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="393" />
      <source>Configuração fiscal salva</source>
      <translation>Fiscal settings saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="248" />
      <source>Certificado (*.pfx *.p12)</source>
      <translation>Certificate (*.pfx *.p12)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="104" />
      <source>autorizada; a SEFAZ recusou o cancelamento</source>
      <translation>authorised; SEFAZ refused the cancellation</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="106" />
      <source>em contingência, aguardando envio</source>
      <translation>in contingency, waiting to be sent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="107" />
      <source>sem resposta da SEFAZ; será consultada</source>
      <translation>no answer from SEFAZ; it will be queried</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="110" />
      <source>enviando</source>
      <translation>sending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="111" />
      <source>REJEITADA</source>
      <translation>REJECTED</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="118" />
      <source>a venda também tem a NFC-e nº %1: leve as duas ao contador</source>
      <translation>the sale also has NFC-e no. %1: take both to the accountant</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="122" />
      <source>automático: enviada quando a SEFAZ responder</source>
      <translation>automatic: sent when SEFAZ answers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="126" />
      <source>a SEFAZ exige o responsável técnico: preencha o grupo “Responsável técnico” acima e salve; a nota é reenviada</source>
      <translation>SEFAZ requires the technical responsible: fill in the “Technical responsible” group above and save; the note is sent again</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="132" />
      <source>corrija o cadastro do item e reenvie (contingência: não inutilizar)</source>
      <translation>fix the item's data and resend (contingency: never void)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="135" />
      <source>corrija o cadastro do item e reenvie, ou inutilize o número</source>
      <translation>fix the item's data and resend, or void the number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="396" />
      <source>; NFC-e reenviadas: %1, autorizadas: %2</source>
      <translation>; NFC-e sent again: %1, authorised: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="406" />
      <source>Arquivo não encontrado: %1</source>
      <translation>File not found: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="412" />
      <source>trocar o certificado A1</source>
      <translation>replace the A1 certificate</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="427" />
      <source>alterar a numeração da NFC-e</source>
      <translation>change the NFC-e numbering</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="429" />
      <source>Numeração definida</source>
      <translation>Numbering set</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="435" />
      <source>Enviando…</source>
      <translation>Sending…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="440" />
      <source>A NFC-e está desligada</source>
      <translation>NFC-e is off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="442" />
      <source>A SEFAZ não respondeu; tente mais tarde</source>
      <translation>SEFAZ did not answer; try again later</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="444" />
      <source>Autorizadas: %1</source>
      <translation>Authorised: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="454" />
      <source>reenviar a NFC-e corrigida</source>
      <translation>resend the corrected NFC-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="457" />
      <source>Reenvio cancelado</source>
      <translation>Resend cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="463" />
      <source>Rejeitada de novo: %1</source>
      <translation>Rejected again: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="468" />
      <source>NFC-e %1: %2</source>
      <translation>NFC-e %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="472" />
      <source>autorizada</source>
      <translation>authorised</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="484" />
      <source>inutilizar o número da NFC-e</source>
      <translation>void the NFC-e number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="487" />
      <source>Inutilização cancelada</source>
      <translation>Voiding cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="492" />
      <source>Número inutilizado; a venda recebe uma nova NFC-e</source>
      <translation>Number voided; the sale gets a new NFC-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="494" />
      <source>A SEFAZ não inutilizou o número; tente mais tarde</source>
      <translation>SEFAZ did not void the number; try again later</translation>
    </message>
  </context>
  <context>
    <name>HistoryTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="59" />
      <source>Data</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="60" />
      <source>Movimento</source>
      <translation>Movement</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="61" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="62" />
      <source>Venda</source>
      <translation>Sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="63" />
      <source>Vale</source>
      <translation>Voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="64" />
      <source>Observação</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="86" />
      <source>Clique duas vezes para ver o cupom da venda</source>
      <translation>Double-click to see the sale's receipt</translation>
    </message>
  </context>
  <context>
    <name>HoursDialog</name>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="53" />
      <source>Horários dos profissionais</source>
      <translation>Professionals' hours</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="63" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="63" />
      <source>Das</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="63" />
      <source>Às</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="63" />
      <source>Intervalo</source>
      <translation>Break</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="63" />
      <source>até</source>
      <translation>to</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="67" />
      <source>Segunda</source>
      <translation>Monday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="68" />
      <source>Terça</source>
      <translation>Tuesday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="69" />
      <source>Quarta</source>
      <translation>Wednesday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="70" />
      <source>Quinta</source>
      <translation>Thursday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="71" />
      <source>Sexta</source>
      <translation>Friday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="72" />
      <source>Sábado</source>
      <translation>Saturday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="73" />
      <source>Domingo</source>
      <translation>Sunday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="88" />
      <source>Salvar semana</source>
      <translation>Save week</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="94" />
      <source>Folga neste dia</source>
      <translation>Day off on this date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="140" />
      <source>Confira os horários: o fim depois do início, o intervalo dentro deles.</source>
      <translation>Check the hours: the end after the start, the break within them.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="143" />
      <source>salvar os horários</source>
      <translation>save the hours</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="151" />
      <source>Horários salvos.</source>
      <translation>Hours saved.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="155" />
      <source>marcar a folga</source>
      <translation>mark the day off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/hours_dialog.py" line="169" />
      <source>Folga marcada.</source>
      <translation>Day off marked.</translation>
    </message>
  </context>
  <context>
    <name>ImportExportDialog</name>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="309" />
      <source>Importar / exportar CSV</source>
      <translation>Import / export CSV</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="311" />
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ImportExportPanel</name>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="95" />
      <source>Catálogo</source>
      <translation>Catalog</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="96" />
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="101" />
      <source>Importar CSV…</source>
      <translation>Import CSV…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="102" />
      <source>Exportar CSV…</source>
      <translation>Export CSV…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="103" />
      <source>Baixar modelo…</source>
      <translation>Download template…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="105" />
      <source>Um arquivo com as colunas e exemplos, para preencher na planilha</source>
      <translation>A file with the columns and examples, to fill in a spreadsheet</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="136" />
      <source>Linhas recusadas</source>
      <translation>Rows refused</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="161" />
      <source>Colunas: %1</source>
      <translation>Columns: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="169" />
      <source>Salvar modelo de CSV</source>
      <translation>Save CSV template</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="175" />
      <source>Modelo salvo em %1.</source>
      <translation>Template saved to %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="195" />
      <source>Entre com seu PIN primeiro.</source>
      <translation>Sign in with your PIN first.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="206" />
      <source>Importar clientes</source>
      <translation>Import customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="206" />
      <source>Importar catálogo</source>
      <translation>Import catalog</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="220" />
      <source>Importando %1…</source>
      <translation>Importing %1…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="247" />
      <source>%1 de %2 linhas importadas; %3 recusadas.</source>
      <translation>%1 of %2 rows imported; %3 refused.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="253" />
      <source>Categorias criadas: %1.</source>
      <translation>Categories created: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="266" />
      <source>Exportar clientes</source>
      <translation>Export customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="266" />
      <source>Exportar catálogo</source>
      <translation>Export catalog</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/panel.py" line="289" />
      <source>%1 registros exportados para %2.</source>
      <translation>%1 records exported to %2.</translation>
    </message>
  </context>
  <context>
    <name>LanguageBox</name>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="17" />
      <source>Idioma</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="25" />
      <source>Salvar idioma</source>
      <translation>Save language</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="28" />
      <source>O novo idioma vale na próxima vez que o posapp abrir.</source>
      <translation>A new language applies the next time posapp opens.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="48" />
      <source>alterar o idioma</source>
      <translation>change the language</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="53" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/language_box.py" line="59" />
      <source>Idioma salvo: %1. Vale na próxima vez que o posapp abrir.</source>
      <translation>Language saved: %1. It applies the next time posapp opens.</translation>
    </message>
  </context>
  <context>
    <name>LatePixModel</name>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="68" />
      <source>Recebido em</source>
      <translation>Received on</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="69" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="70" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="71" />
      <source>E2E</source>
      <translation>E2E</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="72" />
      <source>txid</source>
      <translation>txid</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="84" />
      <source>Devolução em processamento</source>
      <translation>Refund in processing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="85" />
      <source>Devolvido</source>
      <translation>Refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="82" />
      <source>A devolver</source>
      <translation>To refund</translation>
    </message>
  </context>
  <context>
    <name>Leaving</name>
    <message>
      <location filename="../../posapp/ui/sale/leaving.py" line="59" />
      <source>1 item</source>
      <translation>1 item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/leaving.py" line="61" />
      <source>%1 itens</source>
      <translation>%1 items</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/leaving.py" line="64" />
      <source>nº %1 (%2, %3)</source>
      <translation>no. %1 (%2, %3)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/leaving.py" line="69" />
      <source>Venda em andamento guardada ao sair: estacionada %1. F6 recupera.</source>
      <translation>Sale in progress kept when the counter was left: parked %1. F6 brings it back.</translation>
    </message>
  </context>
  <context>
    <name>Ledger</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="23" />
      <source>Cashback ganho</source>
      <translation>Cashback earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="24" />
      <source>Cashback usado</source>
      <translation>Cashback spent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="25" />
      <source>Vencimento</source>
      <translation>Expiry</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="26" />
      <source>Estorno de cashback</source>
      <translation>Cashback reversed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="27" />
      <source>Cashback devolvido</source>
      <translation>Cashback given back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="28" />
      <source>Ajuste manual</source>
      <translation>Manual adjustment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="29" />
      <source>Bônus de indicação</source>
      <translation>Referral bonus</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="30" />
      <source>Vale emitido</source>
      <translation>Voucher issued</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="31" />
      <source>Vale usado</source>
      <translation>Voucher used</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="32" />
      <source>Vale devolvido</source>
      <translation>Voucher given back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="33" />
      <source>Troco de vale</source>
      <translation>Voucher change</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="34" />
      <source>Vale cancelado</source>
      <translation>Voucher cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="41" />
      <source>Disponível</source>
      <translation>Available</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="42" />
      <source>Usado</source>
      <translation>Used</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="43" />
      <source>Vencido</source>
      <translation>Expired</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="44" />
      <source>Cancelado</source>
      <translation>Cancelled</translation>
    </message>
  </context>
  <context>
    <name>LoyaltyKeeper</name>
    <message>
      <location filename="../../posapp/ui/loyalty_keeper.py" line="47" />
      <source>Fidelidade: %1 lote(s) vencido(s), %2 vale(s) vencido(s), %3 vale(s) emitido(s)</source>
      <translation>Loyalty: %1 lot(s) expired, %2 voucher(s) lapsed, %3 voucher(s) issued</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/loyalty_keeper.py" line="56" />
      <source>A manutenção da fidelidade falhou: %1</source>
      <translation>The loyalty upkeep failed: %1</translation>
    </message>
  </context>
  <context>
    <name>ManagerPinDialog</name>
    <message>
      <location filename="../../posapp/ui/dialogs/manager_pin.py" line="18" />
      <source>Autorização do gerente</source>
      <translation>Manager's authorization</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dialogs/manager_pin.py" line="21" />
      <source>Senha do gerente para: %1</source>
      <translation>Manager's PIN to: %1</translation>
    </message>
  </context>
  <context>
    <name>MessageKeeper</name>
    <message>
      <location filename="../../posapp/ui/message_keeper.py" line="76" />
      <source>Mensagens do dia programadas: %1</source>
      <translation>Today's messages scheduled: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/message_keeper.py" line="81" />
      <source>As mensagens do dia falharam: %1</source>
      <translation>Today's messages failed: %1</translation>
    </message>
  </context>
  <context>
    <name>MessageLogModel</name>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="131" />
      <source>Quando</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="132" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="133" />
      <source>Mensagem</source>
      <translation>Message</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="134" />
      <source>Canal</source>
      <translation>Channel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="135" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="136" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="80" />
      <source>Boas-vindas</source>
      <translation>Welcome</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="81" />
      <source>Cashback creditado</source>
      <translation>Cashback credited</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="84" />
      <source>Vale emitido</source>
      <translation>Voucher issued</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="85" />
      <source>Cashback vencendo</source>
      <translation>Cashback expiring</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="88" />
      <source>Lembrete de saldo</source>
      <translation>Balance reminder</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="91" />
      <source>Prêmio de indicação</source>
      <translation>Referral reward</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="94" />
      <source>Indicação estornada</source>
      <translation>Referral reversed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="97" />
      <source>Aniversário</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="98" />
      <source>Campanha</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="99" />
      <source>Lembrete de horário</source>
      <translation>Appointment reminder</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="102" />
      <source>Comprovante da venda</source>
      <translation>Sale receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="109" />
      <source>Na fila</source>
      <translation>Queued</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="110" />
      <source>Enviada</source>
      <translation>Sent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="111" />
      <source>Não enviada</source>
      <translation>Not sent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="112" />
      <source>Adiada</source>
      <translation>Deferred</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="113" />
      <source>Falhou</source>
      <translation>Failed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="120" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="121" />
      <source>WhatsApp</source>
      <translation>WhatsApp</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="122" />
      <source>SMS</source>
      <translation>SMS</translation>
    </message>
  </context>
  <context>
    <name>MessagesTab</name>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="188" />
      <source>Envio</source>
      <translation>Sending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="189" />
      <source>Modelos</source>
      <translation>Templates</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="190" />
      <source>Registro</source>
      <translation>Log</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="200" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="201" />
      <source>WhatsApp</source>
      <translation>WhatsApp</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="202" />
      <source>SMS</source>
      <translation>SMS</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="208" />
      <source>Sem criptografia</source>
      <translation>No encryption</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="209" />
      <source>STARTTLS (porta 587)</source>
      <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="210" />
      <source>TLS direto (porta 465)</source>
      <translation>Implicit TLS (port 465)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="236" />
      <source>Este caixa envia as mensagens</source>
      <translation>This counter sends the messages</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="238" />
      <source>Salvar envio</source>
      <translation>Save sending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="245" />
      <source>E-mail (SMTP)</source>
      <translation>E-mail (SMTP)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="247" />
      <source>Servidor</source>
      <translation>Server</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="248" />
      <source>Porta</source>
      <translation>Port</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="249" />
      <source>Criptografia</source>
      <translation>Encryption</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="250" />
      <source>Usuário</source>
      <translation>Login</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="251" />
      <source>Senha</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="252" />
      <source>Remetente</source>
      <translation>Sender</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="253" />
      <source>WhatsApp/SMS (provedor)</source>
      <translation>WhatsApp/SMS (provider)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="255" />
      <source>Endereço (URL)</source>
      <translation>Address (URL)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="256" />
      <source>Cabeçalhos (um por linha)</source>
      <translation>Headers (one per line)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="257" />
      <source>Modelo do corpo</source>
      <translation>Body template</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="258" />
      <source>Regras de envio</source>
      <translation>Sending rules</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="262" />
      <source>até</source>
      <translation>to</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="265" />
      <source>Horário de silêncio</source>
      <translation>Quiet hours</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="266" />
      <source>Máximo por cliente por semana (0 = sem limite)</source>
      <translation>At most per customer per week (0 = no limit)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="268" />
      <source>Lembrete de saldo após (dias sem visita; 0 = o do programa)</source>
      <translation>Balance reminder after (days without a visit; 0 = the program's)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="271" />
      <source>Avisar do vencimento com (dias)</source>
      <translation>Warn of expiry (days ahead)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="272" />
      <source>Anunciar campanhas com (dias de antecedência)</source>
      <translation>Announce campaigns (days ahead)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="274" />
      <source>Mensagens que a loja envia</source>
      <translation>Messages the store sends</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="281" />
      <source>Canais (na ordem de preferência)</source>
      <translation>Channels (in order of preference)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="306" />
      <source>(guardada; deixe vazio para manter)</source>
      <translation>(saved; leave empty to keep it)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="331" />
      <source>Cabeçalhos: escreva um por linha, como Nome: valor</source>
      <translation>Headers: write one per line, as Name: value</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="367" />
      <source>Não foi salvo: %1</source>
      <translation>Not saved: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="375" />
      <source>alterar o envio de mensagens</source>
      <translation>change how messages are sent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="380" />
      <location filename="../../posapp/ui/settings/messages_tab.py" line="505" />
      <location filename="../../posapp/ui/settings/messages_tab.py" line="517" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="385" />
      <source>Envio de mensagens salvo</source>
      <translation>Message sending saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="394" />
      <source>Português</source>
      <translation>Portuguese</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="395" />
      <source>Inglês</source>
      <translation>English</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="407" />
      <source>Salvar modelo</source>
      <translation>Save template</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="408" />
      <source>Voltar ao padrão</source>
      <translation>Back to the default</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="417" />
      <source>Mensagem</source>
      <translation>Message</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="419" />
      <source>Idioma</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="423" />
      <source>Assunto (só e-mail)</source>
      <translation>Subject (e-mail only)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="425" />
      <source>Texto</source>
      <translation>Text</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="428" />
      <source>Prévia</source>
      <translation>Preview</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="466" />
      <source>Texto da loja</source>
      <translation>The store's text</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="466" />
      <source>Texto padrão</source>
      <translation>Default text</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="469" />
      <source>Campos: %1</source>
      <translation>Fields: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="500" />
      <source>alterar a mensagem “%1”</source>
      <translation>change the “%1” message</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="512" />
      <source>voltar a mensagem “%1” ao padrão</source>
      <translation>put the “%1” message back to the default</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="528" />
      <source>Modelo salvo</source>
      <translation>Template saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="528" />
      <source>Modelo padrão restaurado</source>
      <translation>Default template restored</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="535" />
      <source>Atualizar</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/messages_tab.py" line="540" />
      <source>As últimas %1 mensagens, da mais nova</source>
      <translation>The latest %1 messages, newest first</translation>
    </message>
  </context>
  <context>
    <name>MovementDialog</name>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="148" />
      <source>Valor (R$)</source>
      <translation>Amount (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="149" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="162" />
      <source>Informe o motivo.</source>
      <translation>Enter a reason.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="167" />
      <source>Informe um valor maior que zero.</source>
      <translation>Enter an amount greater than zero.</translation>
    </message>
  </context>
  <context>
    <name>NfseBox</name>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="47" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="48" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="49" />
      <source>Cota do parceiro %</source>
      <translation>Partner's share %</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="50" />
      <source>Contrato</source>
      <translation>Contract</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="51" />
      <source>Data do contrato</source>
      <translation>Contract date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="63" />
      <source>Emitir NFS-e dos serviços</source>
      <translation>Issue NFS-e for services</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="66" />
      <source>ex.: 06.01.01 (cabeleireiros)</source>
      <translation>e.g. 06.01.01 (hairdressers)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="68" />
      <source>3 dígitos, se o município usar</source>
      <translation>3 digits, if the municipality uses it</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="73" />
      <source>a do município</source>
      <translation>the municipality's</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="74" />
      <source>ISS retido pelo tomador</source>
      <translation>ISS withheld by the customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="77" />
      <source>Optante do Simples Nacional (ME/EPP)</source>
      <translation>Simples Nacional (ME/EPP)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="78" />
      <source>MEI</source>
      <translation>MEI</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="79" />
      <source>Não optante</source>
      <translation>Not in Simples Nacional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="83" />
      <source>Salão-parceiro (Lei 13.352/2016)</source>
      <translation>Partner salon (Lei 13.352/2016)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="87" />
      <source>Adicionar parceiro</source>
      <translation>Add partner</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="89" />
      <source>Remover parceiro</source>
      <translation>Remove partner</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="91" />
      <source>Salvar NFS-e</source>
      <translation>Save NFS-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="96" />
      <source>Enviar NFS-e pendentes</source>
      <translation>Send pending NFS-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="98" />
      <source>Nova DPS após correção</source>
      <translation>New DPS after correction</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="101" />
      <source>AAAA-MM</source>
      <translation>YYYY-MM</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="103" />
      <source>ZIP do mês para o contador (NFC-e e NFS-e)</source>
      <translation>The month's ZIP for the accountant (NFC-e and NFS-e)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="109" />
      <source>Inscrição municipal</source>
      <translation>Municipal registration</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="110" />
      <source>Código de tributação nacional (LC 116)</source>
      <translation>National service code (LC 116)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="111" />
      <source>Código de tributação municipal</source>
      <translation>Municipal service code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="112" />
      <source>Alíquota do ISS</source>
      <translation>ISS rate</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="114" />
      <source>Simples Nacional</source>
      <translation>Simples Nacional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="131" />
      <source>NFS-e dos serviços (Padrão Nacional)</source>
      <translation>NFS-e for services (national standard)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="211" />
      <source>rejeitada: %1 %2</source>
      <translation>rejected: %1 %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="214" />
      <source>cancelamento recusado (%1); nova tentativa no próximo envio</source>
      <translation>cancellation refused (%1); tried again at the next send</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="218" />
      <source>cancelamento aguardando o ambiente nacional</source>
      <translation>cancellation waiting for the national environment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="220" />
      <source>aguardando o ambiente nacional</source>
      <translation>waiting for the national environment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="222" />
      <source>Venda nº %1 — DPS %2: %3</source>
      <translation>Sale no. %1 — DPS %2: %3</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="263" />
      <source>alterar a configuração da NFS-e</source>
      <translation>change the NFS-e settings</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="266" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="271" />
      <source>Configuração da NFS-e salva</source>
      <translation>NFS-e settings saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="275" />
      <source>Enviando NFS-e…</source>
      <translation>Sending NFS-e…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="280" />
      <source>A NFS-e está desligada</source>
      <translation>NFS-e is off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="283" />
      <source>O ambiente nacional não respondeu; tente mais tarde</source>
      <translation>The national environment did not answer; try again later</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="287" />
      <source>NFS-e autorizadas: %1</source>
      <translation>NFS-e authorised: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="299" />
      <source>Escolha uma NFS-e rejeitada</source>
      <translation>Choose a rejected NFS-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="308" />
      <source>NFS-e %1 autorizada</source>
      <translation>NFS-e %1 authorised</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="310" />
      <source>A nova DPS não foi autorizada; veja a lista</source>
      <translation>The new DPS was not authorised; see the list</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="316" />
      <source>ZIP para o contador</source>
      <translation>ZIP for the accountant</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/nfse_box.py" line="323" />
      <source>%1 arquivo(s) no ZIP</source>
      <translation>%1 file(s) in the ZIP</translation>
    </message>
  </context>
  <context>
    <name>NotesModel</name>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="83" />
      <source>Nº</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="84" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="85" />
      <source>Prazo</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="86" />
      <source>SEFAZ</source>
      <translation>SEFAZ</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/fiscal_tab.py" line="87" />
      <source>Como resolver</source>
      <translation>How to fix</translation>
    </message>
  </context>
  <context>
    <name>ParkedDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="36" />
      <source>Vendas estacionadas</source>
      <translation>Parked sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="39" />
      <source>Escolha a venda para recuperar:</source>
      <translation>Choose the sale to recall:</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="45" />
      <source>%n item(ns)</source>
      <translation>
        <numerusform>%n item</numerusform>
        <numerusform>%n items</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="166" />
      <source>Pagamento</source>
      <translation>Payment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="173" />
      <source>Total: %1</source>
      <translation>Total: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="321" />
      <source>Cashback</source>
      <translation>Cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="211" />
      <source>código ou QR do vale</source>
      <translation>voucher code or QR</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="214" />
      <source>Vale</source>
      <translation>Voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="279" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="650" />
      <source>Enter Finalizar</source>
      <translation>Enter Finish</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="307" />
      <source>Dinheiro</source>
      <translation>Cash</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="308" />
      <source>Débito</source>
      <translation>Debit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="309" />
      <source>Crédito</source>
      <translation>Credit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="310" />
      <source>PIX</source>
      <translation>PIX</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="325" />
      <source>Cashback (saldo %1, até %2 nesta compra)</source>
      <translation>Cashback (balance %1, up to %2 on this purchase)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="241" />
      <source>Restante em %1</source>
      <translation>Rest in %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="263" />
      <source>F4 CPF na nota (%1)</source>
      <translation>F4 CPF on the invoice (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="277" />
      <source>Esc Voltar</source>
      <translation>Esc Back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="323" />
      <source>Pontos (saldo %1, até %2 nesta compra)</source>
      <translation>Points (balance %1, up to %2 on this purchase)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="377" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="491" />
      <source>Valor inválido: %1</source>
      <translation>Invalid amount: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="411" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="638" />
      <source>Falta: %1</source>
      <translation>Due: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="414" />
      <source>Troco: %1</source>
      <translation>Change: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="417" />
      <source>Pagamento completo</source>
      <translation>Fully paid</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="430" />
      <source>F2 Não usar pontos (%1)</source>
      <translation>F2 Don't use points (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="432" />
      <source>F2 Não usar cashback (%1)</source>
      <translation>F2 Don't use cashback (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="436" />
      <source>F2 Usar cashback %1?</source>
      <translation>F2 Use cashback %1?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="436" />
      <source>F2 Usar pontos %1?</source>
      <translation>F2 Use points %1?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="449" />
      <source>%1 Exato %2</source>
      <translation>%1 Exact %2</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="541" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n point</numerusform>
        <numerusform>%n points</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="545" />
      <source>Esta compra rende %1</source>
      <translation>This purchase earns %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="553" />
      <source>: os pontos e o vale usados não rendem</source>
      <translation>: the points and the voucher used earn nothing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="555" />
      <source>: o cashback e o vale usados não rendem</source>
      <translation>: the cashback and the voucher used earn nothing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="559" />
      <source>: os pontos usados não rendem</source>
      <translation>: the points used earn nothing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="561" />
      <source>: o cashback usado não rende</source>
      <translation>: the cashback used earns nothing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="564" />
      <source>: o vale usado não rende</source>
      <translation>: the voucher used earns nothing</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="584" />
      <source>Vale %1: %2</source>
      <translation>Voucher %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="650" />
      <source>Finalizando…</source>
      <translation>Finishing…</translation>
    </message>
  </context>
  <context>
    <name>PaymentsTab</name>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="121" />
      <source>CPF, CNPJ, celular (+55), e-mail ou chave aleatória</source>
      <translation>CPF, CNPJ, mobile (+55), e-mail or random key</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="140" />
      <source>Pedir os dados do cartão na venda</source>
      <translation>Ask the card details at checkout</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="142" />
      <source>Credenciadora</source>
      <translation>Acquirer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="142" />
      <source>CNPJ</source>
      <translation>CNPJ</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="144" />
      <source>Adicionar credenciadora</source>
      <translation>Add acquirer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="148" />
      <source>Remover</source>
      <translation>Remove</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="150" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="152" />
      <source>Verificar Pix</source>
      <translation>Check Pix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="154" />
      <source>Devolver Pix</source>
      <translation>Refund Pix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="165" />
      <source>Devolvido por outro meio</source>
      <translation>Returned another way</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="170" />
      <source>Chave Pix</source>
      <translation>Pix key</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="171" />
      <source>Nome (até %1)</source>
      <translation>Name (up to %1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="172" />
      <source>Cidade (até %1)</source>
      <translation>City (up to %1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="174" />
      <source>Endereço da API Pix</source>
      <translation>API Pix address</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="175" />
      <source>Endereço do token (OAuth2)</source>
      <translation>Token address (OAuth2)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="176" />
      <source>Client ID</source>
      <translation>Client ID</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="177" />
      <source>Client secret</source>
      <translation>Client secret</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="178" />
      <source>Certificado do cliente (PEM)</source>
      <translation>Client certificate (PEM)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="179" />
      <source>Chave do certificado (PEM)</source>
      <translation>Certificate key (PEM)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="180" />
      <source>CA do PSP (PEM, opcional)</source>
      <translation>PSP's CA (PEM, optional)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="181" />
      <source>CNPJ do PSP (NFC-e)</source>
      <translation>PSP's CNPJ (NFC-e)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="182" />
      <source>Tempo para pagar</source>
      <translation>Time to pay</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="192" />
      <source>Pix (QR estático)</source>
      <translation>Pix (static QR)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="196" />
      <source>Provedor Pix (API Pix, cobrança que se confirma sozinha)</source>
      <translation>Pix provider (API Pix, a charge that confirms itself)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="201" />
      <source>Cartões</source>
      <translation>Cards</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="207" />
      <source>Pix recebidos sem venda (a devolver)</source>
      <translation>Pix received without a sale (to refund)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="213" />
      <source>Devoluções por Pix que o banco não fez (devolver por outro meio)</source>
      <translation>Pix refunds the bank did not make (return another way)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="225" />
      <source>Procurar…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="226" />
      <source>Arquivo PEM</source>
      <translation>PEM file</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="256" />
      <source>(guardado; deixe vazio para manter)</source>
      <translation>(saved; leave empty to keep it)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="317" />
      <source>configurar pagamentos</source>
      <translation>set up payments</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="322" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="327" />
      <source>Pagamentos salvos</source>
      <translation>Payments saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="332" />
      <source>Consultando o provedor Pix…</source>
      <translation>Asking the Pix provider…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="337" />
      <source>Pix verificados: %1 cobrança(s) retomada(s), %2 Pix a devolver.</source>
      <translation>Pix checked: %1 charge(s) resumed, %2 Pix to refund.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="340" />
      <source>%1 sem resposta do provedor.</source>
      <translation>%1 with no answer from the provider.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="357" />
      <source>devolver o Pix de %1</source>
      <translation>refund the Pix of %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="360" />
      <source>Nada foi devolvido</source>
      <translation>Nothing was refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="369" />
      <source>registrar que os %1 da venda %2 foram devolvidos por outro meio</source>
      <translation>record that the %1 of sale %2 went back another way</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="378" />
      <source>Nada foi registrado</source>
      <translation>Nothing was recorded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="382" />
      <source>Devolução de %1 da venda %2 registrada</source>
      <translation>Refund of %1 for sale %2 recorded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="392" />
      <source>Pix de %1 devolvido</source>
      <translation>Pix of %1 refunded</translation>
    </message>
  </context>
  <context>
    <name>PinPad</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="73" />
      <source>PIN</source>
      <translation>PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="83" />
      <source>Limpar</source>
      <translation>Clear</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="85" />
      <source>Entrar</source>
      <translation>Sign in</translation>
    </message>
  </context>
  <context>
    <name>PixDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="105" />
      <source>Pix</source>
      <translation>Pix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="120" />
      <source>Gerando o QR Pix…</source>
      <translation>Making the Pix QR…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="126" />
      <source>Esc Outra forma de pagamento</source>
      <translation>Esc Another tender</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="127" />
      <source>F10 Pago</source>
      <translation>F10 Paid</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="165" />
      <source>Confira o Pix no aplicativo do cliente e pressione Pago. txid %1</source>
      <translation>Check the Pix in the customer's app and press Paid. txid %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="223" />
      <source>Aguardando o pagamento…</source>
      <translation>Waiting for the payment…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="245" />
      <source>Voltar às formas de pagamento</source>
      <translation>Back to the tenders</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="288" />
      <source>Cancelando a cobrança Pix…</source>
      <translation>Cancelling the Pix charge…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/pix_dialog.py" line="135" />
      <source>Imprimir QR</source>
      <translation>Print QR</translation>
    </message>
  </context>
  <context>
    <name>PixKeeper</name>
    <message>
      <location filename="../../posapp/ui/pix_keeper.py" line="48" />
      <source>Pix recebido sem venda: %1 a devolver em Gerência &gt; Pagamentos</source>
      <translation>Pix received without a sale: %1 to refund in Management &gt; Payments</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/pix_keeper.py" line="54" />
      <source>Verificação de Pix falhou: %1</source>
      <translation>The Pix check failed: %1</translation>
    </message>
  </context>
  <context>
    <name>PrintedWindow</name>
    <message>
      <location filename="../../posapp/ui/printed_window.py" line="56" />
      <source>Impressões (impressora virtual)</source>
      <translation>Printouts (virtual printer)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/printed_window.py" line="60" />
      <source>Nada impresso ainda.</source>
      <translation>Nothing printed yet.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/printed_window.py" line="73" />
      <source>Sem impressora instalada, o posapp imprime aqui. A mais recente fica no alto.</source>
      <translation>With no printer installed, posapp prints here. The newest is at the top.</translation>
    </message>
  </context>
  <context>
    <name>PrinterPage</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="150" />
      <location filename="../../posapp/ui/first_run/wizard.py" line="169" />
      <source>Impressora</source>
      <translation>Printer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="151" />
      <source>Escolha a impressora de cupons e imprima uma página de teste.</source>
      <translation>Pick the receipt printer and print a test page.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="158" />
      <source>Procurar impressoras</source>
      <translation>Look for printers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="160" />
      <source>Imprimir teste</source>
      <translation>Print test page</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="170" />
      <source>Endereço de rede</source>
      <translation>Network address</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="171" />
      <source>Papel</source>
      <translation>Paper</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="191" />
      <source>Windows: %1</source>
      <translation>Windows: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="192" />
      <source>USB: %1</source>
      <translation>USB: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="193" />
      <source>Serial: %1</source>
      <translation>Serial: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="200" />
      <source>Impressora de rede (endereço)</source>
      <translation>Network printer (address)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="201" />
      <source>Sem impressora por enquanto</source>
      <translation>No printer for now</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="212" />
      <source>Procurando impressoras…</source>
      <translation>Looking for printers…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/first_run/wizard.py" line="224" />
      <source>%n impressora(s) do Windows encontrada(s).</source>
      <translation>
        <numerusform>%n Windows printer found.</numerusform>
        <numerusform>%n Windows printers found.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/first_run/wizard.py" line="229" />
      <source>%n impressora(s) USB encontrada(s).</source>
      <translation>
        <numerusform>%n USB printer found.</numerusform>
        <numerusform>%n USB printers found.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="232" />
      <source>Nenhuma impressora USB: %1</source>
      <translation>No USB printer: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="251" />
      <source>Imprimindo a página de teste…</source>
      <translation>Printing the test page…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="262" />
      <source>Página de teste impressa na impressora virtual: ela aparece na janela Impressões. Saiu certinha?</source>
      <translation>Test page printed on the virtual printer: it shows in the Printouts window. Did it come out right?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="267" />
      <source>Página de teste impressa. Saiu certinha?</source>
      <translation>Test page printed. Did it come out right?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="270" />
      <location filename="../../posapp/ui/first_run/wizard.py" line="275" />
      <source>Não imprimiu: %1</source>
      <translation>Not printed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="279" />
      <source>Informe o endereço da impressora de rede.</source>
      <translation>Enter the network printer's address.</translation>
    </message>
  </context>
  <context>
    <name>ProblemsModel</name>
    <message>
      <location filename="../../posapp/ui/imports/models.py" line="21" />
      <source>Linha</source>
      <translation>Line</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/models.py" line="21" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/imports/models.py" line="21" />
      <source>Conteúdo</source>
      <translation>Content</translation>
    </message>
  </context>
  <context>
    <name>ProfessionalBar</name>
    <message>
      <location filename="../../posapp/ui/sale/professional_bar.py" line="42" />
      <source>Profissional:</source>
      <translation>Professional:</translation>
    </message>
  </context>
  <context>
    <name>ProfessionalDelegate</name>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="121" />
      <source>(ninguém)</source>
      <translation>(nobody)</translation>
    </message>
  </context>
  <context>
    <name>ReceiptDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/receipt_view.py" line="83" />
      <source>Recibo</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/receipt_view.py" line="93" />
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPreviewDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="209" />
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ReferralTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="127" />
      <source>Cliente indicado</source>
      <translation>Referred customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="128" />
      <source>Cadastro</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="129" />
      <source>Compras</source>
      <translation>Purchases</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="130" />
      <source>Bônus recebido</source>
      <translation>Bonus received</translation>
    </message>
  </context>
  <context>
    <name>ReportModel</name>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="95" />
      <source>Seção</source>
      <translation>Section</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="95" />
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="95" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
  </context>
  <context>
    <name>ReturnItemsDialog</name>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="43" />
      <source>Devolver itens da venda nº %1</source>
      <translation>Return items of sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="52" />
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="52" />
      <source>Vendidos</source>
      <translation>Sold</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="52" />
      <source>Já devolvidos</source>
      <translation>Already returned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="52" />
      <source>Devolver</source>
      <translation>Return</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="66" />
      <source>Tudo o que falta</source>
      <translation>Everything left</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="69" />
      <source>ex.: produto com defeito</source>
      <translation>e.g. faulty product</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="72" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="76" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="79" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="100" />
      <source>Escolha ao menos um item para devolver.</source>
      <translation>Choose at least one item to return.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="103" />
      <source>Informe o motivo.</source>
      <translation>Enter a reason.</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="53" />
      <source>Administração</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="54" />
      <source>Gerente</source>
      <translation>Manager</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="55" />
      <source>Caixa</source>
      <translation>Cashier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="56" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
  </context>
  <context>
    <name>RulesDialog</name>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="45" />
      <source>Comissões e parcerias</source>
      <translation>Commissions and partnerships</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="50" />
      <source>Percentual do profissional</source>
      <translation>The professional's share</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="53" />
      <source>Todos</source>
      <translation>Everyone</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="57" />
      <source>Serviços</source>
      <translation>Services</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="58" />
      <source>Produtos</source>
      <translation>Products</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="60" />
      <source>Comissão</source>
      <translation>Commission</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="61" />
      <source>Cota-parte (salão-parceiro)</source>
      <translation>Partner share (partner salon)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="64" />
      <source>Sobre o líquido</source>
      <translation>On the net</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="65" />
      <source>Sobre o bruto</source>
      <translation>On the gross</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="66" />
      <source>Descontar as taxas de cartão</source>
      <translation>Deduct the card fees</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="67" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="68" />
      <source>Itens</source>
      <translation>Items</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="69" />
      <source>Modalidade</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="70" />
      <source>Percentual</source>
      <translation>Share</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="71" />
      <source>Base</source>
      <translation>Base</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="73" />
      <source>Salvar percentual</source>
      <translation>Save share</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="78" />
      <source>Taxas de cartão e Pix</source>
      <translation>Card and Pix fees</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="81" />
      <source>Débito</source>
      <translation>Debit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="81" />
      <source>Crédito</source>
      <translation>Credit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="81" />
      <source>Pix</source>
      <translation>Pix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="84" />
      <source>Salvar taxas</source>
      <translation>Save fees</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="93" />
      <source>salvar o percentual</source>
      <translation>save the share</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="110" />
      <source>Percentual salvo.</source>
      <translation>Share saved.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="114" />
      <source>salvar as taxas</source>
      <translation>save the fees</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/rules_dialog.py" line="125" />
      <source>Taxas salvas.</source>
      <translation>Fees saved.</translation>
    </message>
  </context>
  <context>
    <name>SaleDiscountDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="66" />
      <source>Desconto na venda</source>
      <translation>Discount on the sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="74" />
      <source>Porcentagem (%)</source>
      <translation>Percentage (%)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="76" />
      <source>Valor (R$)</source>
      <translation>Amount (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="88" />
      <source>Acima de %1 do total pede a senha de um gerente.</source>
      <translation>Above %1 of the total needs a manager's PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="98" />
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="99" />
      <source>Desconto</source>
      <translation>Discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="102" />
      <source>Fica</source>
      <translation>Comes to</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="108" />
      <source>Tirar desconto</source>
      <translation>Remove discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="150" />
      <source>%1 de desconto, total %2</source>
      <translation>%1 off, total %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="160" />
      <source>Informe uma porcentagem entre 0 e 100.</source>
      <translation>Enter a percentage between 0 and 100.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/discount_dialog.py" line="163" />
      <source>Informe um valor até %1.</source>
      <translation>Enter an amount up to %1.</translation>
    </message>
  </context>
  <context>
    <name>SaleLinesModel</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="94" />
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="95" />
      <source>Qtd</source>
      <translation>Qty</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="96" />
      <source>Devolvidos</source>
      <translation>Returned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="97" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="98" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
  </context>
  <context>
    <name>SaleScreen</name>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="236" />
      <source>Código de barras, SKU ou nome — Enter</source>
      <translation>Barcode, SKU or name — Enter</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="240" />
      <source>Buscar pelo nome</source>
      <translation>Search by name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="254" />
      <source>Abra o turno antes de vender: Caixa (Ctrl+4) › Abrir turno.</source>
      <translation>Open the shift before selling: Cash (Ctrl+4) › Open shift.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="369" />
      <source>Tirar cliente</source>
      <translation>Remove customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="373" />
      <source>F9 Cadastrar</source>
      <translation>F9 Enrol</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="400" />
      <source>F2 Cliente</source>
      <translation>F2 Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="401" />
      <source>F3 Buscar</source>
      <translation>F3 Search</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="402" />
      <source>F4 Desconto</source>
      <translation>F4 Discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="403" />
      <source>F11 Desc. venda</source>
      <translation>F11 Sale discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="404" />
      <source>F5 Estacionar</source>
      <translation>F5 Park</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="405" />
      <source>F6 Recuperar</source>
      <translation>F6 Recall</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="406" />
      <source>F7 Reimprimir</source>
      <translation>F7 Reprint</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="407" />
      <source>F8 Cancelar venda</source>
      <translation>F8 Cancel sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="408" />
      <source>Del Remover</source>
      <translation>Del Remove</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="409" />
      <source>F10 Pagar</source>
      <translation>F10 Pay</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="435" />
      <source>Pular</source>
      <translation>Skip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="524" />
      <source>Não há serviço na venda para escolher o profissional.</source>
      <translation>The sale has no service to choose a professional for.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="528" />
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="602" />
      <source>Entre com seu PIN para vender.</source>
      <translation>Sign in with your PIN to sell.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="697" />
      <source>CPF %1 sem cadastro. F9 cadastra o cliente.</source>
      <translation>CPF %1 is not registered. F9 registers the customer.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="713" />
      <source>Código %1 não cadastrado. Busque o produto pelo nome (F3).</source>
      <translation>Code %1 is not in the catalogue. Search for the product by name (F3).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="752" />
      <source>%1 — %2</source>
      <translation>%1 — %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="762" />
      <source>Digite parte do nome do produto ou serviço e tecle Enter.</source>
      <translation>Type part of the product's or service's name and press Enter.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="774" />
      <source>serviço</source>
      <translation>service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="774" />
      <source>produto</source>
      <translation>product</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/screen.py" line="783" />
      <source>%n resultado(s) para “%1”: escolha com ↓ e Enter.</source>
      <translation>
        <numerusform>%n result for “%1”: choose with ↓ and Enter.</numerusform>
        <numerusform>%n results for “%1”: choose with ↓ and Enter.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/screen.py" line="1068" />
      <location filename="../../posapp/ui/sale/screen.py" line="1082" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n point</numerusform>
        <numerusform>%n points</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1103" />
      <source>Escolha o profissional de “%1” (toque no nome ou Alt+1…9).</source>
      <translation>Choose who did “%1” (tap the name or Alt+1…9).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1196" />
      <source>PIN de gerente incorreto (ou sem permissão): %1 não foi autorizado.</source>
      <translation>Wrong manager PIN (or no permission): %1 was not authorized.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="787" />
      <source>Nada encontrado para “%1”.</source>
      <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="808" />
      <source>Removido: %1</source>
      <translation>Removed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="813" />
      <location filename="../../posapp/ui/sale/screen.py" line="831" />
      <source>Nenhum item para dar desconto.</source>
      <translation>No item to discount.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="842" />
      <source>Desconto na venda retirado.</source>
      <translation>Discount on the sale removed.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="844" />
      <source>Desconto na venda: %1</source>
      <translation>Discount on the sale: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="922" />
      <location filename="../../posapp/ui/sale/screen.py" line="925" />
      <source>Total: %1</source>
      <translation>Total: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="929" />
      <source>Subtotal %1 · Descontos %2 (na venda: %3) · </source>
      <translation>Subtotal %1 · Discounts %2 (on the sale: %3) · </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="937" />
      <source>Subtotal %1 · Descontos %2 · </source>
      <translation>Subtotal %1 · Discounts %2 · </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="983" />
      <location filename="../../posapp/ui/sale/screen.py" line="1241" />
      <source>Cliente: %1</source>
      <translation>Customer: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1022" />
      <source>Sem cliente (F2 para identificar)</source>
      <translation>No customer (F2 to identify)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1035" />
      <source>Saldo disponível: %1</source>
      <translation>Available balance: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1041" />
      <source>A liberar: %1</source>
      <translation>Pending: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1045" />
      <source>Vence em breve: %1</source>
      <translation>Expiring soon: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1056" />
      <source>Vale %1: %2 (até %3)</source>
      <translation>Voucher %1: %2 (until %3)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1062" />
      <source>Nenhum vale em aberto</source>
      <translation>No open vouchers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1064" />
      <source>Carregando saldo…</source>
      <translation>Loading balance…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1072" />
      <source>Esta compra rende: %1</source>
      <translation>This purchase earns: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1074" />
      <source>(sem usar pontos; os pontos usados não rendem)</source>
      <translation>(without using points; points spent earn nothing)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1076" />
      <source>(sem usar cashback; o cashback usado não rende)</source>
      <translation>(without using cashback; cashback spent earns nothing)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1090" />
      <source>A venda não tem itens.</source>
      <translation>The sale has no items.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1205" />
      <source>Venda nº %1 concluída: %2</source>
      <translation>Sale no. %1 completed: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1208" />
      <location filename="../../posapp/ui/sale/screen.py" line="1220" />
      <source>Troco: %1</source>
      <translation>Change: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1209" />
      <source>Ctrl+E envia o comprovante</source>
      <translation>Ctrl+E sends the receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1232" />
      <source>Venda nº %1</source>
      <translation>Sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1235" />
      <source>TOTAL %1</source>
      <translation>TOTAL %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1239" />
      <source>Troco %1</source>
      <translation>Change %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1244" />
      <source>Pontos ganhos</source>
      <translation>Points earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1244" />
      <source>Cashback ganho</source>
      <translation>Cashback earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1249" />
      <source>Saldo de pontos %1</source>
      <translation>Points balance %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1251" />
      <source>Saldo de cashback %1</source>
      <translation>Cashback balance %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1255" />
      <source>Vale novo %1: %2</source>
      <translation>New voucher %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1267" />
      <source>Como foi o atendimento? Nota de 0 a 10 (venda nº %1)</source>
      <translation>How was the service? Score from 0 to 10 (sale no. %1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1296" />
      <source>Nota %1 registrada. Obrigado!</source>
      <translation>Score %1 recorded. Thank you!</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1327" />
      <source>Nenhum recibo para reimprimir.</source>
      <translation>No receipt to reprint.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1331" />
      <source>Reimprimindo…</source>
      <translation>Reprinting…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1343" />
      <location filename="../../posapp/ui/sale/screen.py" line="1362" />
      <source>Falha na impressão: %1. A venda está salva; F7 reimprime.</source>
      <translation>Printing failed: %1. The sale is saved; F7 reprints.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1353" />
      <source>Recibo impresso, mas falta nota fiscal: %1 Chame o gerente (Gerência &gt; Fiscal).</source>
      <translation>Receipt printed, but a fiscal note is missing: %1 Call the manager (Gerência &gt; Fiscal).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1355" />
      <location filename="../../posapp/ui/sale/screen.py" line="1358" />
      <source>Recibo impresso.</source>
      <translation>Receipt printed.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1374" />
      <source>Nenhum recibo para mostrar.</source>
      <translation>No receipt to show.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1385" />
      <source>Nenhuma venda para enviar o comprovante.</source>
      <translation>No sale to send the receipt of.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1397" />
      <source>Comprovante na fila para %1.</source>
      <translation>Receipt queued for %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1412" />
      <source>Não há venda para estacionar.</source>
      <translation>There is no sale to park.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1438" />
      <source>Venda estacionada (nº %1). F6 recupera.</source>
      <translation>Sale parked (no. %1). F6 recalls it.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1442" />
      <source>Finalize ou estacione a venda atual antes de recuperar outra.</source>
      <translation>Finish or park the current sale before recalling another.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1448" />
      <source>Nenhuma venda estacionada.</source>
      <translation>No parked sales.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1500" />
      <source>Venda recuperada: %1</source>
      <translation>Sale recalled: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1505" />
      <source>Não há venda em andamento para cancelar.</source>
      <translation>There is no sale in progress to cancel.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1512" />
      <source>Cancelamento não autorizado.</source>
      <translation>Cancellation not authorized.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="1526" />
      <source>Venda cancelada, autorizada por %1.</source>
      <translation>Sale cancelled, authorized by %1.</translation>
    </message>
  </context>
  <context>
    <name>Sales</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="23" />
      <source>Concluída</source>
      <translation>Completed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="24" />
      <source>Devolvida em parte</source>
      <translation>Partly refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="25" />
      <source>Devolvida</source>
      <translation>Refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="26" />
      <source>Cancelada</source>
      <translation>Voided</translation>
    </message>
  </context>
  <context>
    <name>SalesScreen</name>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="118" />
      <source>Escolha uma venda na lista</source>
      <translation>Choose a sale from the list</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="149" />
      <source>Vendas</source>
      <translation>Sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="154" />
      <source>Hoje</source>
      <translation>Today</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="156" />
      <source>Nº da venda</source>
      <translation>Sale number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="159" />
      <source>Buscar</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="162" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="193" />
      <source>Qual devolução imprimir</source>
      <translation>Which refund to print</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="195" />
      <source>Imprimir comprovante</source>
      <translation>Print receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="198" />
      <source>Imprime de novo o comprovante de devolução ou de cancelamento</source>
      <translation>Prints the refund or void receipt again</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="208" />
      <source>Reimprimir</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="209" />
      <source>Devolver itens</source>
      <translation>Return items</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="210" />
      <source>Cancelar venda</source>
      <translation>Void sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="211" />
      <source>Enviar comprovante</source>
      <translation>Send receipt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="212" />
      <source>O comprovante por e-mail ou WhatsApp</source>
      <translation>The receipt by e-mail or WhatsApp</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="214" />
      <source>DANFE em PDF</source>
      <translation>DANFE as PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="215" />
      <source>Uma cópia da NFC-e da venda, em PDF</source>
      <translation>A copy of the sale's NFC-e, as a PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="217" />
      <source>DANFSe em PDF</source>
      <translation>DANFSe as PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="218" />
      <source>A NFS-e dos serviços da venda, em PDF</source>
      <translation>The sale's services NFS-e, as PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="221" />
      <source>Só com a senha de um gerente</source>
      <translation>Needs a manager's PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="252" />
      <source>Carregando o cupom…</source>
      <translation>Loading the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="302" />
      <source>Entre com seu PIN primeiro.</source>
      <translation>Sign in with your PIN first.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="360" />
      <source>Nenhuma venda com o número %1</source>
      <translation>No sale with number %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="362" />
      <source>Venda nº %1</source>
      <translation>Sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="365" />
      <source>Nenhuma venda neste dia</source>
      <translation>No sales on this day</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sales/screen.py" line="367" />
      <source>%n venda(s)</source>
      <translation>
        <numerusform>%n sale</numerusform>
        <numerusform>%n sales</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="415" />
      <source>Venda nº %1 · %2</source>
      <translation>Sale no. %1 · %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="420" />
      <source>%1 · cliente: %2 · atendente: %3 · total %4</source>
      <translation>%1 · customer: %2 · staff: %3 · total %4</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="435" />
      <source>Pagamento: %1</source>
      <translation>Payment: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="445" />
      <location filename="../../posapp/ui/sales/screen.py" line="460" />
      <source>Cancelamento</source>
      <translation>Void</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="445" />
      <location filename="../../posapp/ui/sales/screen.py" line="460" />
      <source>Devolução</source>
      <translation>Refund</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="481" />
      <source>Não foi possível mostrar o cupom: %1</source>
      <translation>Could not show the receipt: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="497" />
      <source>Reimprimindo o cupom…</source>
      <translation>Reprinting the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="514" />
      <source>Comprovante na fila para %1.</source>
      <translation>Receipt queued for %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="525" />
      <source>Esta venda não tem NFS-e</source>
      <translation>This sale has no NFS-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="539" />
      <source>DANFSe salvo em %1</source>
      <translation>DANFSe saved to %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="547" />
      <source>Esta venda não tem NFC-e</source>
      <translation>This sale has no NFC-e</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="561" />
      <source>DANFE salvo em %1</source>
      <translation>DANFE saved to %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="571" />
      <source>Imprimindo o comprovante…</source>
      <translation>Printing the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="592" />
      <location filename="../../posapp/ui/sales/screen.py" line="595" />
      <source>Comprovante impresso</source>
      <translation>Receipt printed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="602" />
      <source>Cupom impresso, mas falta nota fiscal: %1</source>
      <translation>Receipt printed, but a fiscal note is missing: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="607" />
      <source>Cupom reimpresso</source>
      <translation>Receipt reprinted</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="612" />
      <location filename="../../posapp/ui/sales/screen.py" line="621" />
      <source>Não imprimiu: %1 (o cupom ficou na fila)</source>
      <translation>Not printed: %1 (the receipt is queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="643" />
      <source>devolução na venda nº %1</source>
      <translation>refund on sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="645" />
      <source>Devolução cancelada</source>
      <translation>Refund cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="655" />
      <source>Devolvendo…</source>
      <translation>Refunding…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="675" />
      <source>cancelar a venda nº %1</source>
      <translation>void sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="677" />
      <source>Cancelamento não autorizado</source>
      <translation>Void not authorized</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="687" />
      <source>Cancelando a venda…</source>
      <translation>Voiding the sale…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="720" />
      <source>Venda nº %1 cancelada</source>
      <translation>Sale no. %1 voided</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="723" />
      <source>Devolução na venda nº %1: %2 em itens</source>
      <translation>Refund on sale no. %1: %2 of goods</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="760" />
      <source>Estornar no cartão de crédito: %1</source>
      <translation>Reverse on the credit card: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="761" />
      <source>Estornar no cartão de débito: %1</source>
      <translation>Reverse on the debit card: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="762" />
      <source>Devolver por PIX: %1</source>
      <translation>Give back by PIX: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="775" />
      <source>%1 pontos (%2)</source>
      <translation>%1 points (%2)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="752" />
      <source>Devolver em dinheiro: %1</source>
      <translation>Give back in money: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="447" />
      <source>%1 em %2: %3 devolvidos (%4; autorizado por %5)</source>
      <translation>%1 on %2: %3 given back (%4; authorized by %5)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="781" />
      <source>Cashback devolvido: %1</source>
      <translation>Cashback given back: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="785" />
      <source>Cashback estornado: %1</source>
      <translation>Cashback reversed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="789" />
      <source>Retido do cashback já usado: %1</source>
      <translation>Kept for cashback already spent: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="795" />
      <source>Vales reabertos: %1</source>
      <translation>Vouchers reopened: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="799" />
      <source>Vales cancelados: %1</source>
      <translation>Vouchers cancelled: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="816" />
      <source>Salvar DANFE</source>
      <translation>Save DANFE</translation>
    </message>
  </context>
  <context>
    <name>SalesTableModel</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="46" />
      <source>Nº</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="47" />
      <source>Data</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="48" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="49" />
      <source>Atendente</source>
      <translation>Staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="50" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="51" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
  </context>
  <context>
    <name>ScannerPage</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="295" />
      <source>Leitor</source>
      <translation>Scanner</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="297" />
      <source>Passe um código de barras no leitor (ou avance, se não tiver leitor).</source>
      <translation>Scan any barcode with the scanner (or go on if you have none).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="300" />
      <source>passe um código de barras</source>
      <translation>scan a barcode</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="336" />
      <source>prefixo "%1", </source>
      <translation>prefix "%1", </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="337" />
      <source>final %1, até %2 ms entre teclas</source>
      <translation>ending %1, up to %2 ms between keys</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="341" />
      <source>Leitor funcionando: código %1</source>
      <translation>Scanner working: code %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="332" />
      <source>Isso foi digitado, não lido. Passe o código no leitor.</source>
      <translation>That was typed, not scanned. Scan the code with the scanner.</translation>
    </message>
  </context>
  <context>
    <name>SendReceiptDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="48" />
      <source>Enviar comprovante da venda nº %1</source>
      <translation>Send the receipt of sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="52" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="53" />
      <source>WhatsApp</source>
      <translation>WhatsApp</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="62" />
      <source>Enviar por</source>
      <translation>Send by</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="63" />
      <source>Para</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="66" />
      <source>Enviar</source>
      <translation>Send</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="79" />
      <source>nome@exemplo.com.br (em branco: o do cadastro)</source>
      <translation>name@example.com (blank: the one on file)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/send_receipt_dialog.py" line="81" />
      <source>(11) 91234-5678 (em branco: o do cadastro)</source>
      <translation>(11) 91234-5678 (blank: the one on file)</translation>
    </message>
  </context>
  <context>
    <name>SettingsScreen</name>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="134" />
      <location filename="../../posapp/ui/settings/screen.py" line="239" />
      <source>A Gerência é só para gerentes e administradores.</source>
      <translation>Management is for managers and administrators only.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="138" />
      <source>Loja</source>
      <translation>Store</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="139" />
      <source>Programa</source>
      <translation>Program</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="140" />
      <source>Impressora</source>
      <translation>Printer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="141" />
      <source>Equipe</source>
      <translation>Staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="142" />
      <source>Auditoria</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="144" />
      <source>Sincronização</source>
      <translation>Sync</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="146" />
      <source>Mensagens</source>
      <translation>Messages</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="148" />
      <source>Campanhas</source>
      <translation>Campaigns</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="152" />
      <source>Pagamentos</source>
      <translation>Payments</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="150" />
      <source>Fiscal</source>
      <translation>Fiscal</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="154" />
      <source>Catálogo</source>
      <translation>Catalog</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="162" />
      <source>Gerência</source>
      <translation>Management</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="258" />
      <source>Salvando…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="274" />
      <source>Salvar dados da loja</source>
      <translation>Save store details</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="277" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="278" />
      <source>CNPJ</source>
      <translation>CNPJ</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="279" />
      <source>Endereço</source>
      <translation>Address</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="280" />
      <source>Telefone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="312" />
      <source>alterar os dados da loja</source>
      <translation>change the store details</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="317" />
      <location filename="../../posapp/ui/settings/screen.py" line="758" />
      <location filename="../../posapp/ui/settings/screen.py" line="884" />
      <location filename="../../posapp/ui/settings/screen.py" line="1021" />
      <location filename="../../posapp/ui/settings/screen.py" line="1035" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="322" />
      <source>Dados da loja salvos</source>
      <translation>Store details saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="329" />
      <source>(programa em vigor)</source>
      <translation>(program in force)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="336" />
      <source>Cashback</source>
      <translation>Cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="337" />
      <source>Pontos</source>
      <translation>Points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="340" />
      <source>ex.: servicos: 20; higiene: 5</source>
      <translation>e.g. servicos: 20; higiene: 5</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="342" />
      <source>ex.: medicamentos, tabaco</source>
      <translation>e.g. medicamentos, tabaco</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="349" />
      <source>Permitir saldo negativo após devoluções</source>
      <translation>Allow a negative balance after returns</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="358" />
      <source>Sem vale</source>
      <translation>No voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="360" />
      <source>Saldo vira vale ao chegar a um valor</source>
      <translation>The balance becomes a voucher when it reaches an amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="363" />
      <source>Vale de desconto após compra acima de um valor</source>
      <translation>A discount voucher after a purchase above an amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="374" />
      <source>Indicação premiada</source>
      <translation>Referral bonus</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="386" />
      <source>Salvar programa</source>
      <translation>Save program</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="389" />
      <source>Ganho</source>
      <translation>Earning</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="391" />
      <source>Nome do programa</source>
      <translation>Program name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="392" />
      <source>Modo</source>
      <translation>Mode</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="393" />
      <location filename="../../posapp/ui/settings/screen.py" line="661" />
      <source>Cashback (%)</source>
      <translation>Cashback (%)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="394" />
      <source>% por categoria</source>
      <translation>% per category</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="395" />
      <source>Categorias sem cashback</source>
      <translation>Categories without cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="396" />
      <source>Compra mínima (R$)</source>
      <translation>Minimum purchase (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="397" />
      <source>Pontos por real</source>
      <translation>Points per real</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="398" />
      <source>Pontos por troca</source>
      <translation>Points per redemption</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="399" />
      <source>Valor da troca (R$)</source>
      <translation>Redemption value (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="400" />
      <source>Uso e validade</source>
      <translation>Spending and expiry</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="402" />
      <source>Dias para liberar</source>
      <translation>Days until available</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="403" />
      <source>Validade (dias, 0 = não vence)</source>
      <translation>Valid for (days, 0 = never expires)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="404" />
      <source>Paga até (% da compra)</source>
      <translation>Pays up to (% of the purchase)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="405" />
      <source>Lembrete após (dias sem visita)</source>
      <translation>Reminder after (days without a visit)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="407" />
      <source>Vale</source>
      <translation>Voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="409" />
      <source>Regra</source>
      <translation>Rule</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="410" />
      <source>A partir de (R$)</source>
      <translation>From (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="411" />
      <source>Em passos de (R$, 0 = todo o saldo)</source>
      <translation>In steps of (R$, 0 = the whole balance)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="412" />
      <source>Valor do vale (R$)</source>
      <translation>Voucher value (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="413" />
      <source>ou desconto (%)</source>
      <translation>or discount (%)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="414" />
      <source>Desconto máximo (R$)</source>
      <translation>Maximum discount (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="415" />
      <source>Usar a partir de (R$)</source>
      <translation>Usable from (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="416" />
      <source>Validade do vale (dias)</source>
      <translation>Voucher valid for (days)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="417" />
      <source>Indicação</source>
      <translation>Referral</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="420" />
      <source>Bônus de quem indica (R$)</source>
      <translation>Referrer's bonus (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="421" />
      <source>Bônus do indicado (R$)</source>
      <translation>New customer's bonus (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="422" />
      <source>Na primeira compra a partir de (R$)</source>
      <translation>On a first purchase from (R$)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="430" />
      <source>Começar de</source>
      <translation>Start from</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="432" />
      <source>Exemplo</source>
      <translation>Example</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="435" />
      <location filename="../../posapp/ui/settings/screen.py" line="685" />
      <source>Numa compra de</source>
      <translation>On a purchase of</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="599" />
      <source>valor inválido em %1: %2</source>
      <translation>invalid amount in %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="622" />
      <source>use 'categoria: %' em % por categoria: %1</source>
      <translation>use 'category: %' in % per category: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="633" />
      <source>carregando o programa…</source>
      <translation>loading the program…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="638" />
      <source>A partir de</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="639" />
      <source>Em passos de</source>
      <translation>In steps of</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="640" />
      <source>Valor do vale</source>
      <translation>Voucher value</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="641" />
      <source>desconto (%)</source>
      <translation>discount (%)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="642" />
      <source>Desconto máximo</source>
      <translation>Maximum discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="643" />
      <source>Usar a partir de</source>
      <translation>Usable from</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="648" />
      <source>Bônus de quem indica</source>
      <translation>Referrer's bonus</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="649" />
      <source>Bônus do indicado</source>
      <translation>New customer's bonus</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="650" />
      <source>Na primeira compra a partir de</source>
      <translation>On a first purchase from</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="666" />
      <source>Compra mínima</source>
      <translation>Minimum purchase</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="669" />
      <source>Paga até</source>
      <translation>Pays up to</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="674" />
      <source>Valor da troca</source>
      <translation>Redemption value</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="699" />
      <source>Numa compra de %1 o cliente não ganha nada: o mínimo é %2.</source>
      <translation>On a purchase of %1 the customer earns nothing: the minimum is %2.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="705" />
      <source>Numa compra de %1 o cliente ganha %2 pontos (%3)</source>
      <translation>On a purchase of %1 the customer earns %2 points (%3)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="712" />
      <source>Numa compra de %1 o cliente ganha %2 de cashback</source>
      <translation>On a purchase of %1 the customer earns %2 cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="717" />
      <source>, liberado em %1 dias</source>
      <translation>, available in %1 days</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="719" />
      <source>, válido por %1 dias</source>
      <translation>, valid for %1 days</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="723" />
      <source>O saldo vira um vale de %1 (válido por %2 dias).</source>
      <translation>The balance becomes a voucher of %1 (valid for %2 days).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="731" />
      <source>%1 de desconto</source>
      <translation>%1 off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="734" />
      <source>A compra dá um vale de %1 (válido por %2 dias).</source>
      <translation>The purchase earns a voucher of %1 (valid for %2 days).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="739" />
      <source>Os pontos podem pagar até %1 desta compra.</source>
      <translation>Points may pay up to %1 of this purchase.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="741" />
      <source>O cashback pode pagar até %1 desta compra.</source>
      <translation>Cashback may pay up to %1 of this purchase.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="753" />
      <source>alterar o programa de fidelidade</source>
      <translation>change the loyalty program</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="764" />
      <source>Programa salvo: vale a partir da próxima venda</source>
      <translation>Program saved: it applies from the next sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="776" />
      <source>(clique em Procurar)</source>
      <translation>(click Look for)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="778" />
      <source>Procurar</source>
      <translation>Look for</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="791" />
      <source>Pino %1</source>
      <translation>Pin %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="795" />
      <source>(nenhum)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="798" />
      <source>vazio: leitor como teclado; serial://COM3?baudrate=9600</source>
      <translation>empty: scanner as keyboard; serial://COM3?baudrate=9600</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="803" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="805" />
      <source>Imprimir teste</source>
      <translation>Print test page</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="808" />
      <source>Impressoras deste computador</source>
      <translation>Printers on this computer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="809" />
      <source>Impressora (endereço)</source>
      <translation>Printer (address)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="810" />
      <source>Papel</source>
      <translation>Paper</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="811" />
      <source>Modelo</source>
      <translation>Model</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="812" />
      <source>Gaveta</source>
      <translation>Drawer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="813" />
      <source>Leitor: prefixo</source>
      <translation>Scanner: prefix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="814" />
      <source>Leitor: final</source>
      <translation>Scanner: suffix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="815" />
      <source>Leitor: intervalo máximo entre teclas</source>
      <translation>Scanner: longest gap between keys</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="816" />
      <source>Leitor serial (porta)</source>
      <translation>Serial scanner (port)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="835" />
      <source>Windows: %1</source>
      <translation>Windows: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="836" />
      <source>USB: %1</source>
      <translation>USB: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="837" />
      <source>Serial: %1</source>
      <translation>Serial: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="844" />
      <source>Nenhuma impressora encontrada</source>
      <translation>No printer found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="879" />
      <source>alterar impressora e leitor</source>
      <translation>change the printer and scanner</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="890" />
      <source>Impressora e leitor salvos</source>
      <translation>Printer and scanner saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="898" />
      <source>Imprimindo a página de teste…</source>
      <translation>Printing the test page…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="904" />
      <source>Página de teste impressa na impressora virtual (janela Impressões)</source>
      <translation>Test page printed on the virtual printer (Printouts window)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="906" />
      <source>Página de teste impressa</source>
      <translation>Test page printed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="909" />
      <source>Não imprimiu: %1</source>
      <translation>Not printed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="924" />
      <source>Cadastrar</source>
      <translation>Add</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="925" />
      <source>Mudar função</source>
      <translation>Change role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="926" />
      <source>Trocar PIN</source>
      <translation>Reset PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="927" />
      <source>Desativar</source>
      <translation>Deactivate</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="990" />
      <source>cadastrar %1 na equipe</source>
      <translation>add %1 to the staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="997" />
      <source>%1 cadastrado(a)</source>
      <translation>%1 added</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="999" />
      <source>mudar a função de %1</source>
      <translation>change %1's role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1007" />
      <source>Função de %1 alterada</source>
      <translation>%1's role changed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1009" />
      <source>trocar o PIN de %1</source>
      <translation>reset %1's PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1017" />
      <source>PIN de %1 trocado</source>
      <translation>%1's PIN reset</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1030" />
      <source>desativar %1</source>
      <translation>deactivate %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1034" />
      <source>%1 desativado(a)</source>
      <translation>%1 deactivated</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1048" />
      <source>Buscar no registro</source>
      <translation>Search the log</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1051" />
      <location filename="../../posapp/ui/settings/screen.py" line="1109" />
      <source>Todas as ações</source>
      <translation>All actions</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1053" />
      <location filename="../../posapp/ui/settings/screen.py" line="1114" />
      <source>Toda a equipe</source>
      <translation>All staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1054" />
      <source>De</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1063" />
      <source>Buscar</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1068" />
      <source>Anterior</source>
      <translation>Previous</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1069" />
      <source>Próxima</source>
      <translation>Next</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1084" />
      <source>até</source>
      <translation>to</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/screen.py" line="1157" />
      <source>Página %1 de %2 · %3 registros</source>
      <translation>Page %1 of %2 · %3 entries</translation>
    </message>
  </context>
  <context>
    <name>Shell</name>
    <message>
      <location filename="../../posapp/ui/doorway.py" line="28" />
      <location filename="../../posapp/ui/shell.py" line="96" />
      <location filename="../../posapp/ui/shell.py" line="228" />
      <source>%1 (demonstração)</source>
      <translation>%1 (demo)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="110" />
      <source>Venda</source>
      <translation>Sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="111" />
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="112" />
      <source>Vendas</source>
      <translation>Sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="116" />
      <source>Caixa</source>
      <translation>Cashier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="118" />
      <source>Painel</source>
      <translation>Dashboard</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="127" />
      <source>Agenda</source>
      <translation>Agenda</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="130" />
      <source>Gerência</source>
      <translation>Management</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="146" />
      <source>Sair</source>
      <translation>Sign out</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="246" />
      <location filename="../../posapp/ui/shell.py" line="490" />
      <source>Ninguém no caixa</source>
      <translation>Nobody signed in</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="247" />
      <location filename="../../posapp/ui/shell.py" line="405" />
      <source>Turno: —</source>
      <translation>Shift: —</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="248" />
      <location filename="../../posapp/ui/shell.py" line="309" />
      <source>Impressora OK</source>
      <translation>Printer OK</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="252" />
      <source>Leitor: %1</source>
      <translation>Scanner: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="254" />
      <source>Leitor: teclado</source>
      <translation>Scanner: keyboard</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="258" />
      <source>Sincronização: desligada</source>
      <translation>Sync: off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="260" />
      <source>Impressões</source>
      <translation>Printouts</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="261" />
      <source>O que a impressora virtual imprimiu</source>
      <translation>What the virtual printer printed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="308" />
      <source>Impressora OK (%1 na fila)</source>
      <translation>Printer OK (%1 queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="310" />
      <source>erro</source>
      <translation>error</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="312" />
      <source>Impressora: %1 (%2 na fila)</source>
      <translation>Printer: %1 (%2 queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="373" />
      <source>A tela de venda ainda não está disponível.</source>
      <translation>The sale screen is not available yet.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="409" />
      <source>Turno: aberto por %1 em %2</source>
      <translation>Shift: opened by %1 at %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="445" />
      <source>Não foi possível guardar a venda em andamento (%1). Estacione (F5) ou cancele (F8) a venda antes de sair.</source>
      <translation>The sale in progress could not be kept (%1). Park (F5) or cancel (F8) the sale before leaving.</translation>
    </message>
  </context>
  <context>
    <name>SignInScreen</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="169" />
      <source>Quem está no caixa?</source>
      <translation>Who is at the counter?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="182" />
      <location filename="../../posapp/ui/signin.py" line="301" />
      <source>Toque no seu nome</source>
      <translation>Tap your name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="281" />
      <source>Demonstração — PINs para entrar:</source>
      <translation>Demo — PINs to sign in:</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="290" />
      <source>%1, digite seu PIN</source>
      <translation>%1, type your PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="308" />
      <source>Toque no seu nome antes de digitar o PIN.</source>
      <translation>Tap your name before typing the PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="311" />
      <source>Digite seu PIN.</source>
      <translation>Type your PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="315" />
      <source>Abrindo o caixa…</source>
      <translation>Opening the counter…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="325" />
      <source>Acesso de %1 bloqueado, tente em %2 min</source>
      <translation>%1 is locked out, try again in %2 min</translation>
    </message>
  </context>
  <context>
    <name>StaffDialog</name>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="36" />
      <source>Cadastrar na equipe</source>
      <translation>Add to the staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="37" />
      <source>Mudar a função</source>
      <translation>Change the role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="38" />
      <source>Trocar o PIN</source>
      <translation>Reset the PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="54" />
      <source>Pessoa</source>
      <translation>Person</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="57" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="59" />
      <source>Função</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="61" />
      <source>PIN (4 a 6 dígitos)</source>
      <translation>PIN (4 to 6 digits)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="62" />
      <source>Repita o PIN</source>
      <translation>Repeat the PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="67" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="71" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="92" />
      <source>Informe o nome.</source>
      <translation>Enter the name.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/dialogs.py" line="95" />
      <source>Os dois PINs não são iguais.</source>
      <translation>The two PINs differ.</translation>
    </message>
  </context>
  <context>
    <name>StaffTableModel</name>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="69" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="69" />
      <source>Função</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="69" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="69" />
      <source>Desde</source>
      <translation>Since</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="77" />
      <source>Ativo</source>
      <translation>Active</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/models.py" line="77" />
      <source>Desativado</source>
      <translation>Deactivated</translation>
    </message>
  </context>
  <context>
    <name>StatementsDialog</name>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="77" />
      <source>Extratos dos profissionais</source>
      <translation>Professionals' statements</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="90" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="91" />
      <source>Semana</source>
      <translation>Week</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="92" />
      <source>Mês</source>
      <translation>Month</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="109" />
      <source>Imprimir</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="110" />
      <source>Salvar PDF</source>
      <translation>Save PDF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="111" />
      <source>Salvar CSV</source>
      <translation>Save CSV</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/statements.py" line="154" />
      <source>Salvar extrato</source>
      <translation>Save statement</translation>
    </message>
  </context>
  <context>
    <name>StorePage</name>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="77" />
      <source>Loja</source>
      <translation>Store</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="78" />
      <source>O nome que aparece no cupom e o segmento da loja.</source>
      <translation>The name on the receipt and the store's segment.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="82" />
      <source>Salão de beleza</source>
      <translation>Beauty salon</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="83" />
      <source>Farmácia</source>
      <translation>Pharmacy</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="84" />
      <source>Moda</source>
      <translation>Fashion</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="85" />
      <source>Cosméticos</source>
      <translation>Cosmetics</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="89" />
      <source>opcional</source>
      <translation>optional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="92" />
      <source>Nome da loja</source>
      <translation>Store name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="93" />
      <source>Segmento</source>
      <translation>Segment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/first_run/wizard.py" line="94" />
      <source>CNPJ</source>
      <translation>CNPJ</translation>
    </message>
  </context>
  <context>
    <name>SyncLine</name>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="17" />
      <source>Sincronização: desligada</source>
      <translation>Sync: off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="21" />
      <source>nunca</source>
      <translation>never</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="24" />
      <source>Online · %1 na fila · última: %2</source>
      <translation>Online · %1 queued · last: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="26" />
      <source>Offline · %1 na fila · última: %2</source>
      <translation>Offline · %1 queued · last: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="33" />
      <source>Saldo gasto duas vezes</source>
      <translation>Balance spent twice</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="35" />
      <source>Vale usado duas vezes</source>
      <translation>Voucher used twice</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="37" />
      <source>CPF já usado por outro cliente</source>
      <translation>CPF already used by another customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="39" />
      <source>Celular já usado por outro cliente</source>
      <translation>Mobile already used by another customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="41" />
      <source>Registro recusado pela nuvem</source>
      <translation>Record refused by the cloud</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sync_line.py" line="43" />
      <source>Cliente pediu para ser esquecido (LGPD)</source>
      <translation>Customer asked to be forgotten (LGPD)</translation>
    </message>
  </context>
  <context>
    <name>SyncTab</name>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="86" />
      <source>Sincronizar com a nuvem</source>
      <translation>Sync with the cloud</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="89" />
      <source>(vazio: certificados do sistema)</source>
      <translation>(empty: the system's certificates)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="90" />
      <source>Escolher…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="91" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="93" />
      <source>Sincronizar agora</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="99" />
      <source>Loja assume a diferença</source>
      <translation>The store absorbs the difference</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="100" />
      <source>Manter débito do cliente</source>
      <translation>Keep it as the customer's debt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="103" />
      <source>Anonimizar cliente</source>
      <translation>Anonymize customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="104" />
      <source>Dispensar pedido</source>
      <translation>Dismiss request</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="108" />
      <source>Observação (obrigatória para resolver)</source>
      <translation>Note (required to resolve)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="112" />
      <source>Endereço da nuvem</source>
      <translation>Cloud address</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="113" />
      <source>Token do terminal</source>
      <translation>Terminal token</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="120" />
      <source>Certificado da nuvem (CA, PEM)</source>
      <translation>Cloud certificate (CA, PEM)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="122" />
      <source>Consultar a nuvem para gastos de cashback acima de</source>
      <translation>Ask the cloud for cashback spends above</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="137" />
      <source>Conflitos entre lojas</source>
      <translation>Conflicts between stores</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="159" />
      <source>(guardado; deixe vazio para manter)</source>
      <translation>(saved; leave empty to keep it)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="170" />
      <source>Último erro: %1</source>
      <translation>Last error: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="195" />
      <source>Valor inválido: %1</source>
      <translation>Invalid amount: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="117" />
      <source>Certificado da nuvem (CA)</source>
      <translation>Cloud certificate (CA)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="118" />
      <source>Certificados PEM (*.pem *.crt *.cer);;Todos os arquivos (*)</source>
      <translation>PEM certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="211" />
      <source>alterar a sincronização</source>
      <translation>change the sync</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="216" />
      <source>Alteração cancelada</source>
      <translation>Change cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="221" />
      <source>Sincronização salva</source>
      <translation>Sync saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="228" />
      <source>Sincronizando…</source>
      <translation>Syncing…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="234" />
      <source>Sincronização não configurada</source>
      <translation>Sync is not set up</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="237" />
      <source>Sincronizado: %1 enviados, %2 recebidos</source>
      <translation>Synced: %1 sent, %2 received</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="259" />
      <source>a loja assumir %1 de %2</source>
      <translation>the store to absorb %1 of %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="261" />
      <source>manter %1 como débito de %2</source>
      <translation>keep %1 as %2's debt</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="270" />
      <location filename="../../posapp/ui/settings/sync_tab.py" line="290" />
      <source>Nada foi alterado</source>
      <translation>Nothing was changed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="281" />
      <source>anonimizar %1</source>
      <translation>anonymize %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="281" />
      <source>dispensar o pedido de %1</source>
      <translation>dismiss %1's request</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/sync_tab.py" line="295" />
      <source>Conflito resolvido</source>
      <translation>Conflict resolved</translation>
    </message>
  </context>
  <context>
    <name>TipDialog</name>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="32" />
      <source>Gorjeta</source>
      <translation>Tip</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="41" />
      <source>Dinheiro</source>
      <translation>Cash</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="42" />
      <source>Pix</source>
      <translation>Pix</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="43" />
      <source>Débito</source>
      <translation>Debit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="44" />
      <source>Crédito</source>
      <translation>Credit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="47" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/agenda/tip_dialog.py" line="48" />
      <source>Forma</source>
      <translation>Paid with</translation>
    </message>
  </context>
  <context>
    <name>UnreturnedPixModel</name>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="95" />
      <source>Venda</source>
      <translation>Sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="96" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="97" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="98" />
      <source>Desde</source>
      <translation>Since</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="99" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="108" />
      <source>A devolver</source>
      <translation>To refund</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/settings/payments_tab.py" line="108" />
      <source>Devolvido por outro meio</source>
      <translation>Returned another way</translation>
    </message>
  </context>
  <context>
    <name>VoidDialog</name>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="115" />
      <source>Cancelar a venda nº %1</source>
      <translation>Void sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="119" />
      <source>A venda nº %1 (%2) será cancelada por inteiro.</source>
      <translation>Sale no. %1 (%2) will be voided in full.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="127" />
      <source>ex.: venda lançada errada</source>
      <translation>e.g. sale entered by mistake</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="130" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="134" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="137" />
      <source>Voltar</source>
      <translation>Back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="149" />
      <source>Informe o motivo.</source>
      <translation>Enter a reason.</translation>
    </message>
  </context>
  <context>
    <name>VoucherTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="98" />
      <source>Código</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="99" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="100" />
      <source>Compra mínima</source>
      <translation>Minimum purchase</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="101" />
      <source>Validade</source>
      <translation>Valid until</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="102" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
  </context>
  <context>
    <name>ZListModel</name>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="113" />
      <source>Nº</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="114" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="115" />
      <source>Vendas</source>
      <translation>Sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="116" />
      <source>Líquido</source>
      <translation>Net</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/cash/screen.py" line="117" />
      <source>Fechado por</source>
      <translation>Closed by</translation>
    </message>
  </context>
</TS>